import Models

/// Location instructions (foundation only).
enum LocationProgram {
    static func createLocation(_ args: CreateLocationArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("create_location")
        try context.requireUniqueCode(args.code, among: .location)
        let index = try context.nextAccountIndex()
        let location = Location(
            pubkey: EntitySeed.location(index: index).publicKey, owner: context.signer, index: index, code: args.code,
            name: args.name, country: args.country, latitude: args.latitude, longitude: args.longitude,
            locId: args.locId)
        try context.write(.location(location))
    }

    static func updateLocation(_ args: UpdateLocationArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("update_location")
        var location = try context.location(args.pubkey)
        if let code = args.code {
            try context.requireUniqueCode(code, among: .location, except: location.pubkey)
            location.code = code
        }
        if let name = args.name { location.name = name }
        if let country = args.country { location.country = country }
        if let latitude = args.latitude { location.latitude = latitude }
        if let longitude = args.longitude { location.longitude = longitude }
        if let locId = args.locId { location.locId = locId }
        try context.write(.location(location))
    }

    static func suspendLocation(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try InfrastructureProgram.suspend(Location.self, args.pubkey, in: &context)
    }

    static func resumeLocation(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try InfrastructureProgram.resume(Location.self, args.pubkey, in: &context)
    }

    static func deleteLocation(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try InfrastructureProgram.delete(Location.self, args.pubkey, in: &context)
    }
}
