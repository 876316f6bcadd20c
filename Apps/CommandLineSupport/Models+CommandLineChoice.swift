import ArgumentParser
import Models

// Models' enums, given on the command line by name (see ``CommandLineChoice``). The CLI has no
// choice enums of its own: flags take these types directly.

extension UserType: @retroactive ExpressibleByArgument, CommandLineChoice {}
extension UserStatus: @retroactive ExpressibleByArgument, CommandLineChoice {}
extension CYOAType: @retroactive ExpressibleByArgument, CommandLineChoice {}
extension DIAType: @retroactive ExpressibleByArgument, CommandLineChoice {}
extension RoutingMode: @retroactive ExpressibleByArgument, CommandLineChoice {}
extension LoopbackType: @retroactive ExpressibleByArgument, CommandLineChoice {}
extension InterfaceStatus: @retroactive ExpressibleByArgument, CommandLineChoice {}
extension DeviceType: @retroactive ExpressibleByArgument, CommandLineChoice {}
extension DeviceStatus: @retroactive ExpressibleByArgument, CommandLineChoice {}
extension LinkType: @retroactive ExpressibleByArgument, CommandLineChoice {}
extension LinkStatus: @retroactive ExpressibleByArgument, CommandLineChoice {}
extension AccessPassType: @retroactive ExpressibleByArgument, CommandLineChoice {}
extension AccessPassStatus: @retroactive ExpressibleByArgument, CommandLineChoice {}
extension InfrastructureStatus: @retroactive ExpressibleByArgument, CommandLineChoice {}
extension MulticastGroupStatus: @retroactive ExpressibleByArgument, CommandLineChoice {}
