// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/boardstore.h>
#include <storage/records.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace hb::storage {

/// Something an import left out or could not read, and where: a line of a CSV file, a card of a Trello board.
struct ImportNote
{
    int line = 0;  ///< the CSV line it is about; 0: not one line
    QString where; ///< otherwise what it is about ("card “Printer jam”"); may be empty
    QString what;

    /// "line 12: why", "card “x”: why" or "why".
    QString text() const;
    bool operator==(const ImportNote &other) const = default;
};

/**
 * What a file brought in holds, read and understood but not yet in a board: its columns, labels and people by name,
 * and its cards. A reader (Trello JSON, CSV) makes one; boardimport::apply() puts it in a board in one transaction.
 */
struct ImportPlan
{
    struct Column
    {
        QString name;
        ColumnKind kind = ColumnKind::Todo;
        /// Any column of this kind will do (the board's first): a CSV's "Closed" is the board's Done, whatever its
        /// name; a Trello list is matched by its name only.
        bool anyOfKind = false;
    };
    struct Label
    {
        QString name;
        QString color; ///< "#rrggbb"
    };
    struct Person
    {
        QString login; ///< as the board will know them (lower case, no spaces)
        QString displayName;
    };
    struct Card
    {
        ImportedCard card;  ///< columnId, labelIds, and source's source are filled in by apply()
        int column = 0;     ///< index into ImportPlan::columns
        QStringList labels; ///< label names (in ImportPlan::labels)
        QString sourceId;   ///< the ticket's id in the source; empty: none (not found again by a re-import)
        int line = 0;       ///< the CSV line it starts on, for messages; 0: none
    };

    QString source;     ///< which source, for re-imports ("trello:<board id>", "csv")
    QString sourceName; ///< how to name it to a person ("Trello board “IT”", "tickets.csv")
    QList<Column> columns;
    QList<Label> labels;
    QList<Person> people; ///< everyone the cards name (assignees, authors of comments, creators)
    QList<Card> cards;
    QList<ImportNote> skipped; ///< rows or cards left out, and why
    QList<ImportNote> notes;   ///< what was read differently from the source, or not understood
    int checklistItems = 0;
    int comments = 0;
    int links = 0;
};

/// How apply() treats cards a previous import of the same source brought in already.
enum class ReimportMode {
    Skip,   ///< leave them as they are (the summary counts those the source changed since)
    Update, ///< bring in what the source changed since the last import (fields, column, labels)
};

/// What apply() did (or, with dry run, would do).
struct ImportSummary
{
    int created = 0;        ///< new cards
    int updated = 0;        ///< cards found again and updated from the source
    int unchanged = 0;      ///< cards found again that the source did not change since
    int changedSkipped = 0; ///< cards found again that the source changed, left as they are (ReimportMode::Skip)
    int archived = 0;       ///< of the new cards, those brought in archived
    int comments = 0;
    int checklistItems = 0;
    int links = 0;
    QStringList columnsCreated;
    QStringList labelsCreated;
    QStringList membersAdded;
    QList<ImportNote> skipped;
    QList<ImportNote> notes;
    bool dryRun = false;

    /// The summary as lines a person reads (the CLI's output, the dialog's last page).
    QStringList lines() const;
};

} // namespace hb::storage
