import HubModel

extension Overlay {
    /// The base scenario with this overlay applied, including demand taken from
    /// the forecast for a later year at a quantile, when the overlay asks for it.
    ///
    /// - Throws: ``ScenarioError`` for an unknown forecasting method.
    public func applyWithForecast(to base: Scenario) throws -> Scenario {
        var s = apply(to: base)
        guard let f = forecast else { return s }
        guard let method = ForecastMethod(rawValue: f.method) else {
            throw ScenarioError(diagnostics: [Diagnostic(.error, file: file, "forecast.method: unknown method '\(f.method)'")])
        }
        for pf in HubForecast(scenario: base).forecast(method: method, until: f.year) {
            guard let i = pf.years.firstIndex(of: f.year) else { continue }
            let n = max(0, Int(pf.result.quantile(f.quantile, horizon: i + 1).rounded()))
            Overlay.changeEnrolment(&s, Overlay.EnrolmentChange(programme: pf.programme, authority: pf.authority, scale: nil, set: n))
        }
        return s
    }
}
