import Foundation
import HubModel

/// The what-if form: its fields, their checks, and the overlay YAML it makes.
public struct WhatIfForm: Sendable {
    public var name = ""
    public var programme = ""
    public var scalePercent = "100"
    public var removeFacilitator = ""
    public var closeVenue = ""
    public var unmetWeight = ""
    public var forecastYear = ""

    public init() {}

    /// Reads `application/x-www-form-urlencoded` text.
    public init(urlEncoded body: String) {
        var c = URLComponents()
        c.percentEncodedQuery = body.replacingOccurrences(of: "+", with: "%20")
        for item in c.queryItems ?? [] {
            let v = (item.value ?? "").trimmingCharacters(in: .whitespaces)
            switch item.name {
            case "name": name = v
            case "programme": programme = v
            case "scale": scalePercent = v
            case "facilitator": removeFacilitator = v
            case "venue": closeVenue = v
            case "unmet": unmetWeight = v
            case "forecast": forecastYear = v
            default: break
            }
        }
    }

    /// Field → message, for every value that is wrong.
    public func problems(for s: Scenario) -> [String: String] {
        var p: [String: String] = [:]
        if name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) || name.count > 40 {
            p["name"] = "Give the variant a short name: letters, digits, - or _."
        }
        if !programme.isEmpty && s.programme(programme) == nil { p["programme"] = "Choose a programme from the list." }
        if let v = Double(scalePercent) { if v < 0 || v > 500 { p["scale"] = "Use a percentage from 0 to 500." } }
        else { p["scale"] = "Enter a number, e.g. 70 for 70%." }
        if !removeFacilitator.isEmpty && !s.facilitators.contains(where: { $0.id == removeFacilitator }) { p["facilitator"] = "Choose a facilitator from the list." }
        if !closeVenue.isEmpty && !s.venues.contains(where: { $0.id == closeVenue }) { p["venue"] = "Choose a venue from the list." }
        if !unmetWeight.isEmpty { if let v = Double(unmetWeight), v >= 0, v <= 1e7 {} else { p["unmet"] = "Enter a weight in £, 0 to 10,000,000." } }
        if !forecastYear.isEmpty && AcademicYear.parse(forecastYear) == nil { p["forecast"] = "Write a year like 2027-28." }
        return p
    }

    /// The overlay this form describes (only what was changed).
    public var yaml: String {
        var y = "# Made in the HubPlan web app.\nname: \(name)\n"
        if !programme.isEmpty, let v = Double(scalePercent), v != 100 {
            y += "enrolment:\n  - {programme: \(programme), scale: \(v / 100)}\n"
        }
        if !removeFacilitator.isEmpty { y += "facilitators:\n  remove: [\(removeFacilitator)]\n" }
        if !closeVenue.isEmpty { y += "venues:\n  remove: [\(closeVenue)]\n" }
        if !unmetWeight.isEmpty { y += "weights: {unmet: \(unmetWeight)}\n" }
        if !forecastYear.isEmpty { y += "forecast: {year: \(forecastYear), quantile: 0.8, method: ets}\n" }
        return y
    }
}
