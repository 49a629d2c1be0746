#include "model/es/cat_tasks.hpp"

#include <algorithm>
#include <charconv>
#include <span>
#include <string_view>

#include "model/common/assert.hpp"
#include "model/es/json_text.hpp"
#include "model/es/time_value.hpp"

namespace taskcheck::es {

namespace {

struct Column {
    const char* name;
    const char* aliases;  // comma-separated, "" for none
    bool shown;           // default:true
    const char* desc;
};

// RestTasksAction.getTableWithHeader, in order; description only with detailed=true.
constexpr Column kColumns[] = {
    {"id", "", false, "id of the task with the node"},
    {"action", "ac", true, "task action"},
    {"task_id", "ti", true, "unique task id"},
    {"parent_task_id", "pti", true, "parent task id"},
    {"type", "ty", true, "task type"},
    {"start_time", "start", true, "start time in ms"},
    {"timestamp", "ts,hms,hhmmss", true, "start time in HH:MM:SS"},
    {"running_time_ns", "time", false, "running time ns"},
    {"running_time", "time", true, "running time"},
    {"node_id", "ni", false, "unique node id"},
    {"ip", "i", true, "ip address"},
    {"port", "po", false, "bound transport port"},
    {"node", "n", true, "node name"},
    {"version", "v", false, "es version"},
    {"x_opaque_id", "x", false, "X-Opaque-ID header"},
    {"description", "desc", true, "task action"},
};

std::size_t column_count(bool detailed) {
    return detailed ? 16 : 15;
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    while (!text.empty()) {
        const std::size_t at = text.find(separator);
        std::string part(text.substr(0, at));
        if (!part.empty()) parts.push_back(std::move(part));
        if (at == std::string_view::npos) break;
        text.remove_prefix(at + 1);
    }
    return parts;
}

bool has_alias(const Column& column, std::string_view name) {
    for (const std::string& alias : split(column.aliases, ',')) {
        if (alias == name) return true;
    }
    return false;
}

// A typed cell: numbers and durations sort by value, text lexicographically (TableIndexComparator).
struct Cell {
    enum class Kind { text, number, duration } kind = Kind::text;
    std::string text;
    std::int64_t number = 0;
};

Cell text_cell(std::string text) {
    return Cell{Cell::Kind::text, std::move(text), 0};
}
Cell number_cell(std::int64_t n) {
    return Cell{Cell::Kind::number, "", n};
}
Cell duration_cell(Nanos n) {
    return Cell{Cell::Kind::duration, "", n};
}

std::string render_cell(const Cell& cell, const std::string& time_unit) {
    if (cell.kind == Cell::Kind::text) return cell.text;
    if (cell.kind == Cell::Kind::number) return std::to_string(cell.number);
    if (auto in_unit = time_value_in_unit(cell.number, time_unit)) return std::to_string(*in_unit);
    return format_time_value(cell.number);
}

std::int64_t epoch_millis(Nanos instant) {
    return instant / kNanosPerMilli - (instant % kNanosPerMilli < 0 ? 1 : 0);
}

std::string hh_mm_ss(std::int64_t millis) {
    std::int64_t secs = (millis / 1000) % 86400;
    if (secs < 0) secs += 86400;
    const int parts[3] = {int(secs / 3600), int(secs / 60 % 60), int(secs % 60)};
    std::string text = "00:00:00";
    for (int p = 0; p < 3; ++p) {
        text[p * 3] = char('0' + parts[p] / 10);
        text[p * 3 + 1] = char('0' + parts[p] % 10);
    }
    return text;
}

// The row of one task: the task and its node (null if the node left the cluster).
struct Row {
    const TaskInfo* info;
    const DiscoveryNode* node;
};

// Column `column` of `row` as a typed cell (for s= sorting, and numbers / durations to render).
Cell make_cell(const Row& row, std::size_t column) {
    const TaskInfo& info = *row.info;
    const DiscoveryNode* node = row.node;
    switch (column) {
        case 0:
            return number_cell(info.id.number);
        case 1:
            return text_cell(info.action);
        case 2:
            return text_cell(info.id.to_string());
        case 3:
            return text_cell(info.parent.is_set() ? info.parent.to_string() : "-");
        case 4:
            return text_cell(std::string(to_string(info.type)));
        case 5:
            return number_cell(epoch_millis(info.start_time));
        case 6:
            return text_cell(hh_mm_ss(epoch_millis(info.start_time)));
        case 7:
            return number_cell(info.running_time);
        case 8:
            return duration_cell(info.running_time);
        case 9:
            return text_cell(info.id.node.substr(0, 4));
        case 10:
            return text_cell(node ? node->ip : "-");
        case 11:
            return node ? number_cell(node->transport_port) : text_cell("-");
        case 12:
            return text_cell(node ? node->name : "-");
        case 13:
            return text_cell(node ? node->version : "-");
        case 14: {
            auto opaque = info.headers.find("X-Opaque-Id");
            return text_cell(opaque != info.headers.end() ? opaque->second : "-");
        }
        default:
            return text_cell(info.description.value_or(""));
    }
}

void append_number(std::string& out, std::int64_t n) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
    TC_ASSERT(ec == std::errc());
    out.append(digits, end);
}

void append_task_id(std::string& out, const TaskId& id) {
    out += id.node;
    out.push_back(':');
    append_number(out, id.number);
}

// Appends the text of column `column` of `row` to `out`, as make_cell + render_cell would render
// it, without building the cell: the common text columns go straight into the output buffer.
void append_cell_text(std::string& out, const Row& row, std::size_t column,
                      const std::string& time_unit) {
    const TaskInfo& info = *row.info;
    switch (column) {
        case 1:
            out += info.action;
            return;
        case 2:
            append_task_id(out, info.id);
            return;
        case 3:
            if (info.parent.is_set()) {
                append_task_id(out, info.parent);
            } else {
                out.push_back('-');
            }
            return;
        case 5:
            append_number(out, epoch_millis(info.start_time));
            return;
        case 10:
            out += row.node ? std::string_view(row.node->ip) : "-";
            return;
        case 12:
            out += row.node ? std::string_view(row.node->name) : "-";
            return;
        default:
            out += render_cell(make_cell(row, column), time_unit);
            return;
    }
}

// Parents then children, each level by start time (ms), stable. Sorts the tree's levels in place.
void append_groups(const std::vector<TaskInfo>& tasks, TaskTree& tree, std::span<std::size_t> level,
                   std::vector<std::size_t>& order) {
    auto by_start = [&](std::size_t a, std::size_t b) {
        return epoch_millis(tasks[a].start_time) < epoch_millis(tasks[b].start_time);
    };
    // Listings usually come in start order: checking first spares stable_sort's buffer.
    if (!std::is_sorted(level.begin(), level.end(), by_start)) {
        std::stable_sort(level.begin(), level.end(), by_start);
    }
    for (std::size_t task : level) {
        order.push_back(task);
        if (!tree.children(task).empty()) append_groups(tasks, tree, tree.children(task), order);
    }
}

struct Display {
    std::size_t column;
    std::string header;
};

std::vector<Display> display_columns(const CatTasksRequest& request) {
    const std::size_t count = column_count(request.detailed);
    auto visible = [&](std::size_t c) {
        return request.ts || kColumns[c].name != std::string("timestamp");
    };
    std::vector<Display> shown;
    if (!request.h.has_value()) {
        for (std::size_t c = 0; c < count; ++c) {
            if (kColumns[c].shown && visible(c)) shown.push_back({c, kColumns[c].name});
        }
        return shown;
    }
    // RestTable.expandHeadersFromRequest: wildcards expand to names; plain words stay as typed.
    std::vector<std::string> wanted;
    auto add = [&](std::string name) {
        if (std::find(wanted.begin(), wanted.end(), name) == wanted.end()) wanted.push_back(name);
    };
    for (const std::string& part : split(*request.h, ',')) {
        if (part.find('*') == std::string::npos) {
            add(part);
            continue;
        }
        for (std::size_t c = 0; c < count; ++c) {
            bool match = simple_match(part, kColumns[c].name);
            for (const std::string& alias : split(kColumns[c].aliases, ',')) {
                match = match || simple_match(part, alias);
            }
            if (match) add(kColumns[c].name);
        }
    }
    for (const std::string& name : wanted) {
        std::optional<Display> found;
        for (std::size_t c = 0; c < count && !found; ++c) {
            if (name == kColumns[c].name) found = Display{c, name};
        }
        // buildDisplayHeaders keeps the *last* column with the alias ("time" -> running_time).
        if (!found) {
            for (std::size_t c = 0; c < count; ++c) {
                if (has_alias(kColumns[c], name)) found = Display{c, name};
            }
        }
        if (found && visible(found->column)) shown.push_back(*found);
    }
    return shown;
}

}  // namespace

namespace {

int compare_cells(const Cell& a, const Cell& b) {
    if (a.kind == b.kind && a.kind != Cell::Kind::text) {
        return a.number < b.number ? -1 : (a.number > b.number ? 1 : 0);
    }
    const std::string x = render_cell(a, ""), y = render_cell(b, "");
    return x.compare(y) < 0 ? -1 : (x.compare(y) > 0 ? 1 : 0);
}

// RestTable.getRowOrder: keys are names or aliases (a later alias wins), ":asc"/":desc".
// Only the key columns are built as typed cells, once per row.
Result<bool, EsError> sort_rows(std::vector<Row>& rows, const std::string& s, bool detailed) {
    std::vector<std::pair<std::size_t, bool>> keys;  // column, descending
    for (std::string key : split(s, ',')) {
        bool descending = false;
        if (key.size() > 5 && key.ends_with(":desc")) {
            key.resize(key.size() - 5);
            descending = true;
        } else if (key.size() > 4 && key.ends_with(":asc")) {
            key.resize(key.size() - 4);
        }
        std::optional<std::size_t> column;
        for (std::size_t c = 0; c < column_count(detailed); ++c) {
            if (key == kColumns[c].name || has_alias(kColumns[c], key)) column = c;
        }
        if (!column) {
            EsError error;
            error.http_status = 500;
            error.type = "unsupported_operation_exception";
            error.reason = "Unable to sort by unknown sort key `" + key + "`";
            error.elasticsearch_exception = false;
            return Err(error);
        }
        keys.emplace_back(*column, descending);
    }
    if (keys.empty()) return true;
    std::vector<std::vector<Cell>> key_cells(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (const auto& key : keys)
            key_cells[r].push_back(make_cell(rows[r], key.first));
    }
    std::vector<std::size_t> order(rows.size());
    for (std::size_t r = 0; r < order.size(); ++r)
        order[r] = r;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        for (std::size_t k = 0; k < keys.size(); ++k) {
            const int cmp = compare_cells(key_cells[a][k], key_cells[b][k]);
            if (cmp != 0) return keys[k].second ? cmp > 0 : cmp < 0;
        }
        return false;
    });
    std::vector<Row> sorted;
    sorted.reserve(rows.size());
    for (std::size_t r : order)
        sorted.push_back(rows[r]);
    rows = std::move(sorted);
    return true;
}

void pad_to(std::string& out, std::size_t width, std::size_t length) {
    if (width > length) out.append(width - length, ' ');
}

// Every shown cell's text, row-major (the header row first when v=true), in one buffer: the
// cell i is text[end[i-1], end[i]). One allocation pattern for the whole table instead of one
// string per cell.
struct CellTexts {
    std::string text;
    std::vector<std::size_t> end;

    std::string_view cell(std::size_t i) const {
        const std::size_t begin = i == 0 ? 0 : end[i - 1];
        return std::string_view(text).substr(begin, end[i] - begin);
    }
};

CellTexts cell_texts(const std::vector<Row>& rows, const std::vector<Display>& columns,
                     const CatTasksRequest& request, bool with_header) {
    CellTexts cells;
    cells.text.reserve(rows.size() * columns.size() * 16);
    cells.end.reserve((rows.size() + 1) * columns.size());
    if (with_header) {
        for (const Display& d : columns) {
            cells.text += d.header;
            cells.end.push_back(cells.text.size());
        }
    }
    for (const Row& row : rows) {
        for (const Display& d : columns) {
            append_cell_text(cells.text, row, d.column, request.time);
            cells.end.push_back(cells.text.size());
        }
    }
    return cells;
}

std::string render_text(const std::vector<Row>& rows, const std::vector<Display>& columns,
                        const CatTasksRequest& request) {
    const std::size_t n = columns.size();
    const CellTexts cells = cell_texts(rows, columns, request, request.v);
    const std::size_t count = cells.end.size();
    std::vector<std::size_t> width(n, 0);
    for (std::size_t i = 0; i < count; ++i)
        width[i % n] = std::max(width[i % n], cells.cell(i).size());
    std::size_t line = 0;
    for (std::size_t w : width)
        line += w + 1;
    std::string out;
    out.reserve(n == 0 ? 0 : count / n * line);
    for (std::size_t i = 0; i < count; ++i) {
        const std::string_view cell = cells.cell(i);
        out += cell;
        if (i % n + 1 == n) {
            out.push_back('\n');
            continue;
        }
        pad_to(out, width[i % n], cell.size());
        out.push_back(' ');
    }
    return out;
}

std::string render_json(const std::vector<Row>& rows, const std::vector<Display>& columns,
                        const CatTasksRequest& request) {
    const CellTexts cells = cell_texts(rows, columns, request, false);
    JsonText json;
    json.begin_array();
    std::size_t i = 0;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        json.begin_object();
        for (const Display& d : columns)
            json.field(d.header, cells.cell(i++));
        json.end_object();
    }
    json.end_array();
    return json.take();
}

}  // namespace

Result<std::string, EsError> render_cat_tasks(const TaskListing& listing,
                                              const ClusterMembership& membership,
                                              const CatTasksRequest& request) {
    TaskTree tree = build_task_tree(listing.tasks);
    std::vector<std::size_t> order;
    order.reserve(listing.tasks.size());
    append_groups(listing.tasks, tree, tree.roots, order);
    // Nodes are few: resolve each task's node through a one-entry cache, not a lookup per row.
    std::vector<Row> rows;
    rows.reserve(order.size());
    const NodeId* last_id = nullptr;
    const DiscoveryNode* last_node = nullptr;
    for (std::size_t task : order) {
        const TaskInfo& info = listing.tasks[task];
        if (last_id == nullptr || *last_id != info.id.node) {
            last_id = &info.id.node;
            last_node = membership.find(info.id.node);
        }
        rows.push_back(Row{&info, last_node});
    }
    auto sorted = sort_rows(rows, request.s, request.detailed);
    if (!sorted.ok()) return Err(sorted.error());
    const std::vector<Display> columns = display_columns(request);
    if (request.format == "json") return render_json(rows, columns, request);
    return render_text(rows, columns, request);
}

std::string render_cat_tasks_help(bool detailed) {
    std::size_t width[3] = {0, 0, 0};
    for (std::size_t c = 0; c < column_count(detailed); ++c) {
        width[0] = std::max(width[0], std::string_view(kColumns[c].name).size());
        width[1] = std::max(width[1], std::string_view(kColumns[c].aliases).size());
        width[2] = std::max(width[2], std::string_view(kColumns[c].desc).size());
    }
    std::string out;
    for (std::size_t c = 0; c < column_count(detailed); ++c) {
        const std::string_view parts[3] = {kColumns[c].name, kColumns[c].aliases, kColumns[c].desc};
        for (int p = 0; p < 3; ++p) {
            out += parts[p];
            pad_to(out, width[p], parts[p].size());
            out += p < 2 ? " | " : "\n";
        }
    }
    return out;
}

Reply cat_tasks(TaskCluster& cluster, const CatTasksRequest& request, const RequestContext& context,
                Nanos now) {
    if (request.help) return Reply{EsReply(render_cat_tasks_help(request.detailed)), 0};
    const ClusterMembership& membership = cluster.membership();
    auto render = [&membership, request](const TaskListing& listing) -> EsReply {
        return render_cat_tasks(listing, membership, request);
    };
    return cluster.list_with(request.selection, request.detailed, request.wait_for_completion,
                             request.timeout, context, now, render);
}

}  // namespace taskcheck::es
