import Foundation
import HubModel

/// The what-if form: its fields, their checks, and the overlay YAML it makes.
public struct WhatIfForm: Decodable, Sendable {
    public var name = ""
    public var programme = ""
    public var scalePercent = "100"
    public var removeFacilitator = ""
    public var closeVenue = ""
    public var unmetWeight = ""
    public var forecastYear = ""

    /// The names of the form's inputs.
    enum CodingKeys: String, CodingKey {
        case name, programme, scale, facilitator, venue, unmet, forecast
    }

    public init() {}

    /// Reads the fields a browser posted (``FormBody``); a missing field keeps its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.text(.name) ?? ""
        programme = try c.text(.programme) ?? ""
        scalePercent = try c.text(.scale) ?? "100"
        removeFacilitator = try c.text(.facilitator) ?? ""
        closeVenue = try c.text(.venue) ?? ""
        unmetWeight = try c.text(.unmet) ?? ""
        forecastYear = try c.text(.forecast) ?? ""
    }

    /// The scale as a fraction, when it is a finite percentage from 0 to 500.
    var scale: Double? {
        guard let v = Double(scalePercent), v.isFinite, v >= 0, v <= 500 else { return nil }
        return v / 100
    }

    /// The penalty in £, when it is a finite amount from 0 to 10,000,000.
    var unmet: Double? {
        guard let v = Double(unmetWeight), v.isFinite, v >= 0, v <= 1e7 else { return nil }
        return v
    }

    /// Field → message, for every value that is wrong.
    public func problems(for s: Scenario) -> [String: String] {
        var p: [String: String] = [:]
        if name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) || name.count > 40 {
            p["name"] = "Give the variant a short name: letters, digits, - or _."
        }
        if !programme.isEmpty && s.programme(programme) == nil { p["programme"] = "Choose a programme from the list." }
        if scale == nil { p["scale"] = Double(scalePercent) == nil ? "Enter a number, e.g. 70 for 70%." : "Use a percentage from 0 to 500." }
        if !removeFacilitator.isEmpty && !s.facilitators.contains(where: { $0.id == removeFacilitator }) { p["facilitator"] = "Choose a facilitator from the list." }
        if !closeVenue.isEmpty && !s.venues.contains(where: { $0.id == closeVenue }) { p["venue"] = "Choose a venue from the list." }
        if !unmetWeight.isEmpty && unmet == nil { p["unmet"] = "Enter a weight in £, 0 to 10,000,000." }
        if !forecastYear.isEmpty && AcademicYear.parse(forecastYear) == nil { p["forecast"] = "Write a year like 2027-28." }
        return p
    }

    /// The overlay this form describes (only what was changed), for a form without problems.
    ///
    /// Numbers and years are written as parsed, never as typed, so the YAML
    /// holds only what the checks accepted ("0x10" is written as 16.0).
    public var yaml: String {
        var y = "# Made in the HubPlan web app.\nname: \(YAMLText.quoted(name))\n"
        if !programme.isEmpty, let v = scale, v != 1 {
            y += "enrolment:\n  - {programme: \(YAMLText.quoted(programme)), scale: \(v)}\n"
        }
        if !removeFacilitator.isEmpty { y += "facilitators:\n  remove: [\(YAMLText.quoted(removeFacilitator))]\n" }
        if !closeVenue.isEmpty { y += "venues:\n  remove: [\(YAMLText.quoted(closeVenue))]\n" }
        if let v = unmet { y += "weights: {unmet: \(v)}\n" }
        if let year = AcademicYear.parse(forecastYear) { y += "forecast: {year: \(AcademicYear.label(year)), quantile: 0.8, method: auto}\n" }
        return y
    }
}

/// Scalars written into the overlay YAML.
enum YAMLText {
    /// An id or name as a YAML scalar: plain when it starts with a letter, holds only letters,
    /// digits, - and _ (every generated id) and is no word YAML reads as a bool or null;
    /// double-quoted with escapes otherwise, so a value never changes the structure or its type
    /// ("-" alone would start a list, "123" be a number, "null" nothing).
    static func quoted(_ id: String) -> String {
        if let first = id.first, first.isASCII, first.isLetter,
           id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
           !reserved.contains(id.lowercased()) {
            return id
        }
        var out = "\""
        for scalar in id.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += String(format: "\\x%02X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Plain words YAML 1.1 or 1.2 resolves to a bool or null rather than a string.
    private static let reserved: Set<String> = ["null", "true", "false", "yes", "no", "on", "off", "y", "n"]
}
