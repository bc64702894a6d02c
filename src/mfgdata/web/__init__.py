"""The marketplace site (제조데이터 거래소): Django apps that call the processing library, never re-implement it."""
