import Forecast
import Foundation
import HubModel
import Planner

extension ReportWriter {
    /// The fan charts a plan's report carries: every programme to 2027-28 (or the
    /// plan year, if later) from the scenario's history, by the default method
    /// (``ForecastMethod/auto``), as `hubplan forecast`, the capacity table and what-if demand.
    ///
    /// One definition for `hubplan plan` and `hubplan serve`, so both write the
    /// same report (serve once wrote none and said "No forecast").
    public static func planForecasts(_ scenario: Scenario) -> [ProgrammeForecast] {
        HubForecast(scenario: scenario).forecast(method: .auto, until: max(scenario.year, 2027))
    }

    /// Writes every output of a plan as `hubplan plan` does, forecast included.
    ///
    /// - Returns: the files written.
    @discardableResult
    public static func writePlan(_ plan: Plan, scenario: Scenario, forecasts: [ProgrammeForecast]? = nil, to directory: URL) throws -> [URL] {
        try write(plan: plan, scenario: scenario, forecasts: forecasts ?? planForecasts(scenario), to: directory)
    }
}
