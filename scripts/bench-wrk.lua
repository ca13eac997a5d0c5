-- wrk script of scripts/bench-serving.sh. With an argument (wrk ... URL -- FILE) it POSTs FILE's
-- contents as JSON; without, it sends wrk's plain GET. At the end it prints one line
-- "BENCH_JSON {...}" with the counts, errors and latency percentiles (microseconds) that
-- scripts/bench_report.py reads, so nothing depends on the layout of wrk's own report.

function init(args)
   if args[1] ~= nil and args[1] ~= "" then
      local file = assert(io.open(args[1], "rb"))
      wrk.method = "POST"
      wrk.body = file:read("*a")
      file:close()
      wrk.headers["Content-Type"] = "application/json"
   end
end

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"latency_us":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,' ..
      '"p50":%d,"p75":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
      summary.requests, summary.duration, summary.bytes,
      errors.connect, errors.read, errors.write, errors.status, errors.timeout,
      latency.min, latency.mean, latency.stdev, latency.max,
      latency:percentile(50), latency:percentile(75), latency:percentile(90),
      latency:percentile(99), latency:percentile(99.9)))
end
