-- Prints the latency percentiles site_bench.py reads (microseconds), and the error count.
done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES p50=%d p95=%d p99=%d requests=%d errors=%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
