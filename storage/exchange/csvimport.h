// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "csvtable.h"
#include "importplan.h"

#include <storage/result.h>

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace hb::storage {

/// A CSV file of tickets (another help desk's export, a spreadsheet) as HelpBoard cards.
namespace csvimport {

/// What a column of the file can be.
enum class Field {
    Id,
    Title,
    Description,
    Status,
    Priority,
    Assignee,
    Requester,
    Channel,
    Labels,
    Due,
    Created,
    Resolved,
    Comments
};
constexpr int s_fieldCount = 13;
QList<Field> fields();
/// The CLI's name of @p field ("id", "title", ... as in --map title=COLUMN).
QString key(Field field);
std::optional<Field> fieldFromKey(const QString &key);
/// How to name @p field to a person ("Ticket number", "Assigned to", ...).
QString label(Field field);

/// Where tickets with a status go: a column of the board (by name), or its first column of a kind; and a status tag.
struct StatusTarget
{
    QString column; ///< empty: the board's first column of @p kind
    ColumnKind kind = ColumnKind::Todo;
    StatusTag tag = StatusTag::None;
    bool operator==(const StatusTarget &other) const = default;
};

/// Which column of the file holds each field, and what its values mean.
struct Mapping
{
    QHash<Field, int> columns; ///< field -> column of the header; a field not here is not imported
    /// The values as the file writes them (trimmed) -> what they mean; a value not here is guessed, and noted when it
    /// cannot be.
    QHash<QString, StatusTarget> statusValues;
    QHash<QString, Priority> priorityValues;
    QHash<QString, Channel> channelValues;
    QString dateFormat;     ///< Qt's date format for every date column; empty: each value's own shape
    bool groupRows = false; ///< rows with the same ticket id are one ticket (an event log): its last state
};

/// The mapping a person most likely wants: fields by header names (English, Spanish, Portuguese), values by spelling.
Mapping guess(const CsvTable &table);
/// What @p value of a status, priority or channel column most likely means (nothing when it is no known word).
std::optional<StatusTarget> guessStatus(const QString &value);
/// The different values of column @p column, in the order they first come, at most @p limit.
QStringList distinctValues(const CsvTable &table, int column, int limit = 200);
/// The TARGET of "--value status:VALUE=TARGET": todo, doing or done with an optional "+tag" (doing+waiting-vendor),
/// or a column's name.
std::optional<StatusTarget> statusTargetFromText(const QString &text);

/// Sets the column of a field from "FIELD=COLUMN" (a header's name, any case, or its number from 1); "FIELD=" leaves
/// the field out. Invalid, naming what there is, when either is unknown.
Status mapColumn(Mapping &mapping, const CsvTable &table, const QString &assignment);
/// Sets what a value means from "FIELD:VALUE=MEANING" (status, priority or channel; a status means todo, doing or done
/// with an optional "+status" tag, or a column's name).
Status mapValue(Mapping &mapping, const QString &assignment);

/**
 * The cards of @p table as @p mapping reads them. Rows with no title and no description are skipped (by line);
 * values that cannot be read (a date that is none, a status no one mapped) are noted and left empty. Invalid when the
 * file has no header line or nothing maps to the title.
 */
Result<ImportPlan> plan(const CsvTable &table, const Mapping &mapping, const QString &sourceName);

} // namespace csvimport
} // namespace hb::storage
