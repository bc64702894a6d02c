from mfgdata.cli import main

main()
