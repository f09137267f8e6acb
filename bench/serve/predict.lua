-- wrk script for bench/serve.sh: POST /predict with one row as a JSON object, cycling through eight
-- real rows of examples/penguins/data/penguins.csv (without the target; row 9 has no `sex`, sent as
-- null), so both servers answer the same requests in the same order. The requests are built once.
-- done() prints one machine-readable line (BENCH ...) that bench/serve.sh reads.
local rows = {
  '{"penguin_id":1,"island":"Torgersen","beak_length_mm":39.1,"beak_depth_mm":18.7,"flipper_length_mm":181,"body_mass_g":3750,"sex":"MALE"}',
  '{"penguin_id":9,"island":"Torgersen","beak_length_mm":34.1,"beak_depth_mm":18.1,"flipper_length_mm":193,"body_mass_g":3475,"sex":null}',
  '{"penguin_id":61,"island":"Biscoe","beak_length_mm":35.7,"beak_depth_mm":16.9,"flipper_length_mm":185,"body_mass_g":3150,"sex":"FEMALE"}',
  '{"penguin_id":121,"island":"Torgersen","beak_length_mm":36.2,"beak_depth_mm":17.2,"flipper_length_mm":187,"body_mass_g":3150,"sex":"FEMALE"}',
  '{"penguin_id":161,"island":"Dream","beak_length_mm":46.0,"beak_depth_mm":18.9,"flipper_length_mm":195,"body_mass_g":4150,"sex":"FEMALE"}',
  '{"penguin_id":201,"island":"Dream","beak_length_mm":51.5,"beak_depth_mm":18.7,"flipper_length_mm":187,"body_mass_g":3250,"sex":"MALE"}',
  '{"penguin_id":251,"island":"Biscoe","beak_length_mm":47.3,"beak_depth_mm":15.3,"flipper_length_mm":222,"body_mass_g":5250,"sex":"MALE"}',
  '{"penguin_id":301,"island":"Biscoe","beak_length_mm":49.1,"beak_depth_mm":14.5,"flipper_length_mm":212,"body_mass_g":4625,"sex":"FEMALE"}',
}

local requests = {}
local next_row = 0

function init(args)
  local headers = { ["Content-Type"] = "application/json" }
  for i, body in ipairs(rows) do
    requests[i] = wrk.format("POST", "/predict", headers, body)
  end
end

function request()
  next_row = next_row % #requests + 1
  return requests[next_row]
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f "
      .. "connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect, e.read, e.write, e.timeout, e.status))
end
