-- Paces each wrk connection (Debian's wrk has no fixed-rate mode): every request waits WRK_DELAY_MS before it is
-- sent, so N connections offer at most N * 1000 / WRK_DELAY_MS requests a second. Sends the API token when given,
-- and prints the percentiles api_bench.py reads (microseconds; the delay is not part of the latency).
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")
local token = os.getenv("API_TOKEN")
if token then
  wrk.headers["Authorization"] = "Bearer " .. token
end

function delay()
  return delay_ms
end

done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES p50=%d p95=%d p99=%d requests=%d errors=%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
