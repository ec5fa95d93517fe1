import Foundation
import HubModel

/// The reference scenario, loaded read-only (for the form checks).
func referenceScenario() throws -> Scenario {
    try ScenarioLoader.load(ServedScenario.reference).0
}
