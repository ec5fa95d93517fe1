import Foundation
import Testing
import HubModel
@testable import WebForms

/// The form decoder on the bodies that once ended the server (URLComponents trapped on them).
@Suite struct FormBodyTests {
    func decode(_ bytes: [UInt8], type: String? = FormBody.contentType) throws(FormError) -> PostedForm<WhatIfForm> {
        try FormBody.decode(PostedForm<WhatIfForm>.self, from: bytes, contentType: type)
    }

    @Test(arguments: ["name=a b&scale=70", "name=a\"b", "name={x}&scale={}", "programme=NPQH'&venue=<x>"])
    func rawSpaceQuoteAndBraceAreReadAsTextAndFailTheFieldChecks(_ body: String) throws {
        let form = try decode(Array(body.utf8)).fields
        let problems = form.problems(for: try referenceScenario())
        #expect(!problems.isEmpty)
    }

    @Test func aBadPercentEscapeNamesItsField() {
        #expect(throws: FormError.self) { try decode(Array("name=ok&scale=%zz".utf8)) }
        do { _ = try decode(Array("name=ok&scale=%zz".utf8)) } catch { #expect(error.field == "scale") }
        do { _ = try decode(Array("unmet=5%".utf8)) } catch { #expect(error.field == "unmet") }
    }

    @Test func bytesThatAreNotUTF8AreRefused() {
        do { _ = try decode([0x6E, 0x61, 0x6D, 0x65, 0x3D, 0xFF, 0xFE]); Issue.record("decoded") } catch { #expect(error == .notUTF8) }
    }

    @Test func escapedBytesThatAreNotUTF8AreRefusedOrFailTheNameCheck() throws {
        // The decoder may read %FF as U+FFFD; then the name check refuses it.
        let scenario = try referenceScenario()
        do throws(FormError) {
            let form = try decode(Array("name=%FF%FE".utf8)).fields
            #expect(form.problems(for: scenario)["name"] != nil)
        } catch {
            #expect(error.field == "name")
        }
    }

    @Test(arguments: ["multipart/form-data; boundary=----x", "text/plain", "application/json", "application/x-www-form-urlencoded; charset=latin1"])
    func otherContentTypesAreRefused(_ type: String) {
        let body = Array("------x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nv1\r\n------x--\r\n".utf8)
        do { _ = try decode(body, type: type); Issue.record("decoded") } catch { #expect(error == .unsupportedContentType(type)) }
    }

    @Test func noContentTypeIsRefused() {
        do { _ = try decode(Array("name=v".utf8), type: nil); Issue.record("decoded") } catch { #expect(error == .unsupportedContentType("")) }
    }

    @Test func nestedOrRepeatedKeysNameTheirField() {
        do { _ = try decode(Array("name[a]=1".utf8)); Issue.record("decoded") } catch { #expect(error.field == "name") }
        do { _ = try decode(Array("scale=1&scale=2".utf8)); Issue.record("decoded") } catch { #expect(error.field == "scale") }
    }

    @Test func theTokenAndTheFieldsComeFromOneBody() throws {
        let posted = try decode(Array("token=abc&name=v1&scale=+70+".utf8))
        #expect(posted.token == "abc" && posted.fields.name == "v1" && posted.fields.scalePercent == "70")
        #expect(try decode(Array("name=v1".utf8)).token == "")
    }

    @Test(arguments: ["nan", "inf", "-inf", "1e400", "-1", "501"])
    func aScaleThatIsNotAFinitePercentageIsAProblem(_ scale: String) throws {
        var form = WhatIfForm()
        form.name = "v"
        form.scalePercent = scale
        #expect(form.problems(for: try referenceScenario())["scale"] != nil)
    }

    @Test func theOverlayHoldsNumbersAsParsedNotAsTyped() {
        var form = WhatIfForm()
        form.name = "v"
        form.unmetWeight = "0x10"
        form.forecastYear = "2027/28"
        #expect(form.yaml.contains("weights: {unmet: 16.0}"))
        #expect(form.yaml.contains("forecast: {year: 2027-28,"))
    }

    @Test func anOddIdIsQuotedSoItCannotChangeTheOverlaysStructure() {
        #expect(YAMLText.quoted("WIG-TC") == "WIG-TC")
        #expect(YAMLText.quoted("a], remove: [b") == "\"a], remove: [b\"")
        #expect(YAMLText.quoted("x\"\n") == "\"x\\\"\\x0A\"")
    }

    /// Found by the web-form fuzz target: the name "-" passed the form's checks and was
    /// written plain, where YAML reads it as the start of a list.
    @Test(arguments: ["-", "-x", "123", "1e5", "null", "True", "no", "y", "_a", "v1"])
    func anyNameTheFormAcceptsIsTheOverlaysName(_ name: String) throws {
        let base = try referenceScenario()
        var form = WhatIfForm()
        form.name = name
        #expect(form.problems(for: base).isEmpty)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("form-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(form.yaml.utf8).write(to: url)
        #expect(try Overlay.load(url, base: base).name == name)
    }
}
