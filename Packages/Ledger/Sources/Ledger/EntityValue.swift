/// Encodes an entity's value without the kind wrapper.
struct EntityValue: Encodable {
    let entity: Entity
    func encode(to encoder: any Encoder) throws { try entity.encodeValue(to: encoder) }
}
