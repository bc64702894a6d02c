// Opens Toss Payments' payment window (결제창) with the official browser SDK, served from this site's static
// files (copied from npm by `make assets`, never from a CDN). The order's amount and id come from the server;
// Toss sends the buyer back to the success URL, where the server compares the amount and confirms the payment.
import { ANONYMOUS, loadTossPayments } from "../vendor/tosspayments/index.esm.js";

const button = document.getElementById("toss-window");
const status = document.getElementById("toss-window-status");

async function openWindow() {
  const data = button.dataset;
  button.disabled = true;
  status.textContent = data.openingText;
  try {
    const tossPayments = await loadTossPayments(data.clientKey);
    const payment = tossPayments.payment({ customerKey: ANONYMOUS });
    // A real-time transfer gets our 세금계산서, so Toss must not also issue a 현금영수증 for it.
    const transfer = data.method === "TRANSFER" ? { transfer: { cashReceipt: { type: "미발행" }, useEscrow: false } } : {};
    await payment.requestPayment({
      ...transfer,
      method: data.method,
      amount: { currency: "KRW", value: Number(data.amount) },
      orderId: data.orderId,
      orderName: data.orderName,
      successUrl: data.successUrl,
      failUrl: data.failUrl,
      customerName: data.customerName,
      customerEmail: data.customerEmail,
    });
  } catch (error) {
    status.textContent = `${data.errorText} (${error && error.message ? error.message : error})`;
    button.disabled = false;
  }
}

if (button) {
  button.addEventListener("click", openWindow);
}
