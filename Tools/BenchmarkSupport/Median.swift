/// The middle of `values` once sorted (the upper middle of an even count); `values` must not be empty.
public func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}
