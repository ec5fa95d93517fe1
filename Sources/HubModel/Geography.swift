import Foundation

/// A place on the map (WGS84 degrees).
public struct GeoPoint: Sendable, Equatable, Hashable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Great-circle distance in kilometres.
    public func kilometres(to other: GeoPoint) -> Double {
        let r = 6371.0
        let p1 = latitude * .pi / 180, p2 = other.latitude * .pi / 180
        let dp = p2 - p1, dl = (other.longitude - longitude) * .pi / 180
        let a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * r * atan2(sqrt(a), sqrt(max(0, 1 - a)))
    }

    /// Estimated road minutes: straight line × 1.3 at 35 km/h (docs/domain.md's stand-in), plus 5 minutes to park.
    public func travelMinutes(to other: GeoPoint) -> Double {
        let km = kilometres(to: other)
        return km < 0.05 ? 0 : (km * 1.3 / 35 * 60 + 5).rounded()
    }
}
