import PageMarkup

/// A table of records. Every cell carries its column's label, so on a phone, where the rows
/// stack, each value keeps its label; wider than the page, it scrolls inside its own box.
enum DataTable {
    struct Column {
        let label: String
        var numeric = false
    }

    struct Row {
        var id: String? = nil
        var className: String? = nil
        let cells: [Node<HTML.BodyContext>]
    }

    static func render(class className: String, columns: [Column], rows: [Row]) -> Node<HTML.BodyContext> {
        .div(.class("table-wrap"),
            .table(.class("data \(className)"),
                .thead(.tr(.forEach(columns) { column in .th(.if(column.numeric, .class("number")), .text(column.label)) })),
                .tbody(.forEach(rows) { row in
                    .tr(.attribute(named: "id", value: row.id), .attribute(named: "class", value: row.className),
                        .forEach(Array(zip(columns, row.cells))) { column, cell in
                            // One wrapper per cell, so a stacked row on a phone is exactly label | value.
                            .td(.attribute(named: "data-label", value: column.label), .if(column.numeric, .class("number")),
                                .div(.class("cell"), cell))
                        })
                })))
    }
}
