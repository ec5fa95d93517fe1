/// Towns of the reference hub and its neighbours (approximate coordinates, docs/domain.md).
struct TownSite {
    var name: String
    var location: GeoPoint
    /// Share of the authority's schools in this town.
    var weight: Double
}

/// An authority the generator can place schools in: its towns and its split of schools by phase.
struct AuthoritySite {
    var id: String
    var name: String
    var towns: [TownSite]
    /// Schools by phase: primary, secondary, special, other (docs/domain.md's working split).
    var primary: Int, secondary: Int, special: Int, other: Int

    var schools: Int { primary + secondary + special + other }
}

enum ReferenceGeography {
    static func t(_ n: String, _ lat: Double, _ lon: Double, _ w: Double = 1) -> TownSite {
        TownSite(name: n, location: GeoPoint(latitude: lat, longitude: lon), weight: w)
    }

    static let halton = AuthoritySite(id: "HAL", name: "Halton", towns: [
        t("Widnes", 53.371, -2.725, 1.1), t("Runcorn", 53.328, -2.712, 1.0),
    ], primary: 50, secondary: 8, special: 5, other: 5)

    static let warrington = AuthoritySite(id: "WAR", name: "Warrington", towns: [
        t("Warrington", 53.390, -2.597, 2.0), t("Sankey Bridges", 53.386, -2.616, 0.6), t("Great Sankey", 53.393, -2.640, 0.8),
        t("Penketh", 53.378, -2.665, 0.6), t("Birchwood", 53.414, -2.527, 0.8), t("Culcheth", 53.452, -2.522, 0.5),
        t("Lymm", 53.381, -2.476, 0.6), t("Stockton Heath", 53.373, -2.580, 0.7),
    ], primary: 74, secondary: 14, special: 4, other: 3)

    static let wigan = AuthoritySite(id: "WIG", name: "Wigan", towns: [
        t("Wigan", 53.545, -2.632, 2.0), t("Leigh", 53.497, -2.519, 1.5), t("Ashton-in-Makerfield", 53.490, -2.637, 0.9),
        t("Standish", 53.586, -2.662, 0.7), t("Hindley", 53.535, -2.575, 0.8), t("Atherton", 53.523, -2.494, 0.8),
        t("Tyldesley", 53.513, -2.468, 0.7), t("Golborne", 53.477, -2.596, 0.7), t("Orrell", 53.530, -2.709, 0.6),
        t("Ince", 53.539, -2.612, 0.6),
    ], primary: 100, secondary: 20, special: 6, other: 3)

    /// The neighbouring boroughs used for the L instance (three hubs' worth).
    static let neighbours: [AuthoritySite] = [
        AuthoritySite(id: "STH", name: "St Helens", towns: [t("St Helens", 53.454, -2.737, 2), t("Newton-le-Willows", 53.453, -2.633), t("Rainford", 53.503, -2.790, 0.5)], primary: 52, secondary: 10, special: 4, other: 3),
        AuthoritySite(id: "KNO", name: "Knowsley", towns: [t("Huyton", 53.411, -2.843, 1.5), t("Kirkby", 53.483, -2.892, 1.2), t("Prescot", 53.429, -2.800, 0.6)], primary: 48, secondary: 6, special: 4, other: 4),
        AuthoritySite(id: "LIV", name: "Liverpool", towns: [t("Liverpool", 53.408, -2.991, 3), t("Walton", 53.447, -2.964, 1), t("Garston", 53.357, -2.899, 1), t("West Derby", 53.434, -2.906, 1)], primary: 120, secondary: 30, special: 12, other: 8),
        AuthoritySite(id: "SEF", name: "Sefton", towns: [t("Bootle", 53.446, -2.994, 1.2), t("Southport", 53.645, -3.010, 1.5), t("Formby", 53.558, -3.068, 0.7), t("Crosby", 53.489, -3.032, 0.8)], primary: 78, secondary: 18, special: 6, other: 3),
        AuthoritySite(id: "BOL", name: "Bolton", towns: [t("Bolton", 53.578, -2.429, 2.5), t("Farnworth", 53.545, -2.400, 0.8), t("Horwich", 53.601, -2.549, 0.7), t("Westhoughton", 53.548, -2.524, 0.7)], primary: 100, secondary: 18, special: 6, other: 4),
        AuthoritySite(id: "SAL", name: "Salford", towns: [t("Salford", 53.487, -2.290, 2), t("Eccles", 53.483, -2.334, 1), t("Swinton", 53.512, -2.345, 1), t("Walkden", 53.524, -2.398, 0.8)], primary: 80, secondary: 14, special: 6, other: 4),
    ]
}
