/// A room of a venue.
public struct Room: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    /// Seats for a training session.
    public var capacity: Int

    public init(id: String, capacity: Int) {
        self.id = id
        self.capacity = capacity
    }
}

/// A place sessions and forums can meet: a school hall, a training centre, a hotel.
public struct Venue: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var authority: String
    public var town: String
    public var address: String
    public var location: GeoPoint
    /// Hire for a day, £ (0 for a partner school's own hall).
    public var dayCost: Double
    /// Weekdays it can be booked.
    public var weekdays: Set<Weekday>
    public var stepFree: Bool
    public var rooms: [Room]

    public init(id: String, name: String, authority: String, town: String, address: String, location: GeoPoint,
                dayCost: Double, weekdays: Set<Weekday>, stepFree: Bool, rooms: [Room]) {
        self.id = id
        self.name = name
        self.authority = authority
        self.town = town
        self.address = address
        self.location = location
        self.dayCost = dayCost
        self.weekdays = weekdays
        self.stepFree = stepFree
        self.rooms = rooms
    }

    public var largestRoom: Int { rooms.map(\.capacity).max() ?? 0 }
}
