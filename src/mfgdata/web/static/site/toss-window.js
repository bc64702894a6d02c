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
    await payment.requestPayment({
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
