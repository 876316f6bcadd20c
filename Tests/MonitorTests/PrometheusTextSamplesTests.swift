import MonitorService
import PropertyBased
import Testing

/// Reading the controller's request counters out of Prometheus text, hostile input included.
@Suite("PrometheusTextSamples")
struct PrometheusTextSamplesTests {
    @Test("sums one metric's samples by a label, across the other labels, skipping other metrics")
    func sums() {
        let text = """
            # HELP controller_config_requests_total requests
            # TYPE controller_config_requests_total counter
            controller_config_requests_total{device_code="ams-dz01",pubkey="A",status="200"} 3
            controller_config_requests_total{device_code="ams-dz01",pubkey="A",status="304"} 40
            controller_config_requests_total{status="200",device_code="fra-dz01",pubkey="B"} 1 1700000000000
            controller_config_requests_total_other{device_code="ams-dz01"} 99
            controller_config_unknown_device_total 5
            controller_config_requests_total{device_code="we\\"ird\\\\",status="200"} 2
            """
        let sums = PrometheusTextSamples.sums(of: "controller_config_requests_total", by: "device_code", in: text)
        #expect(sums == ["ams-dz01": 43, "fra-dz01": 1, "we\"ird\\": 2])
    }

    @Test(
        "malformed lines are skipped, never trusted",
        arguments: [
            #"controller_config_requests_total{device_code="x"} NaN"#,
            #"controller_config_requests_total{device_code="x"} +Inf"#,
            #"controller_config_requests_total{device_code="x" 1"#,
            #"controller_config_requests_total{device_code=x} 1"#,
            #"controller_config_requests_total{device_code="x"}"#,
            #"controller_config_requests_total{="x"} 1"#,
            "controller_config_requests_total{device_code=\"" + String(repeating: "x", count: 5000) + "\"} 1",
        ])
    func malformed(_ line: String) {
        #expect(PrometheusTextSamples.sums(of: "controller_config_requests_total", by: "device_code", in: line).isEmpty)
    }

    @Test("any text at all is read without crashing, and only well-formed samples count")
    func arbitrary() async {
        let alphabet = Array("controller_config_requests_total{device_code=\"ab\\,}} 0123456789.e+-\n#")
        await propertyCheck(count: 500, input: Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...300)) { indices in
            let text = String(indices.map { alphabet[$0] })
            let sums = PrometheusTextSamples.sums(of: "controller_config_requests_total", by: "device_code", in: text)
            let finite = sums.values.allSatisfy { $0.isFinite }
            #expect(finite)
        }
    }
}
