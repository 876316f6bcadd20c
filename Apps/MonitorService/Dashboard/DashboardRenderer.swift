import Foundation
import Mustache

/// Renders dashboard pages: a page's fragment through its template, the whole document through
/// the layout (navigation, styles and the live-update script, nothing fetched from elsewhere), and
/// its JSON twin.
public struct DashboardRenderer: Sendable {
    /// The pages in navigation order, with their paths.
    static let navigation: [(name: String, title: String, path: String)] = [
        (OverviewPage.name, OverviewPage.title, "/"), (ExchangesPage.name, ExchangesPage.title, "/exchanges"),
        (DevicesPage.name, DevicesPage.title, "/devices"), (LinksPage.name, LinksPage.title, "/links"),
        (UsersPage.name, UsersPage.title, "/users"), (PoolsPage.name, PoolsPage.title, "/pools"),
        (AlertsPage.name, AlertsPage.title, "/alerts"),
    ]

    private let library: MustacheLibrary

    /// The layout's values.
    private struct Layout {
        struct Link {
            var path: String
            var title: String
            var active: Bool
        }
        var title: String
        var page: String
        var jsonPath: String
        var nav: [Link]
        var content: String
    }

    /// A renderer with the compiled-in templates.
    ///
    /// - Throws: the parser's error when a template is malformed (a programming error the tests catch).
    public init() throws {
        var library = MustacheLibrary()
        for (name, text) in DashboardTemplates.all { try library.register(text, named: name) }
        self.library = library
    }

    /// The page's HTML fragment (what the layout's `<main>` holds and live updates replace).
    public func fragment<Page: DashboardPage>(_ page: Page) -> String {
        library.render(page, withTemplate: Page.name) ?? ""
    }

    /// The whole HTML document of the page.
    public func document<Page: DashboardPage>(_ page: Page) -> String {
        let layout = Layout(
            title: Page.title, page: Page.name, jsonPath: "/\(Page.name).json",
            nav: Self.navigation.map { Layout.Link(path: $0.path, title: $0.title, active: $0.name == Page.name) },
            content: fragment(page))
        return library.render(layout, withTemplate: "layout") ?? ""
    }

    /// The page as JSON: snake_case keys, sorted, times as ISO 8601 strings.
    public func json<Page: DashboardPage>(_ page: Page) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(page)
    }
}
