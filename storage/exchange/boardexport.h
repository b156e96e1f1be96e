// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>
#include <storage/result.h>

#include <QHash>
#include <QJsonObject>

class QIODevice;

namespace hb::storage {

class BoardStore;

/**
 * The stable JSON shapes of board records, used by `helpboard-cli --json` and `export`. Field names are
 * snake_case; times are ISO 8601 UTC strings ("2026-11-23T15:04:05.000Z") or null; absent values are null.
 * Changing a shape is a format change: add fields, never rename or remove them.
 */
class BoardExport final
{
public:
    /// Loads the column and label names the card shapes refer to.
    static Result<BoardExport> prepare(BoardStore &store);

    static QJsonValue time(qint64 msecs);
    /// An escalation as --json shows it (null when there is none): to whom, the case number and its times.
    static QJsonValue escalationObject(const Escalation &escalation);
    static QJsonObject escalationTarget(const EscalationTarget &target);
    QJsonObject column(const Column &column, int cardCount) const;
    QJsonObject label(const Label &label) const;
    QJsonObject member(const Member &member) const;
    static QJsonObject checklistTemplate(const ChecklistTemplate &checklistTemplate);
    /// A file or link on a card or an article.
    static QJsonObject attachment(const Attachment &attachment);
    /// A knowledge-base article: its text, labels by name, template, authors, and the tickets linked to it.
    QJsonObject article(const Article &article) const;
    /// The summary shape used by `list`.
    QJsonObject card(const Card &card) const;
    /// The full shape used by `show` and `export`: the summary plus checklist, comments, attachments and history.
    Result<QJsonObject> cardDetails(const Card &card, bool withHistory) const;
    QJsonObject event(const Event &event) const;
    /// The whole board: format marker, board name, members, columns, labels, checklist templates, cards (with
    /// details) and events.
    Result<QJsonObject> board() const;
    /**
     * Writes board() to @p out as indented JSON, byte for byte as QJsonDocument would, a page of cards at a time:
     * memory stays flat however big the board. One read snapshot, like board().
     */
    Status writeBoard(QIODevice *out) const;
    /**
     * writeBoard() of @p store, read from a copy of it made in @p folder first (VACUUM INTO, opened for reading
     * only, removed after): the board's read lock, which holds colleagues' saves back, then lasts as long as the copy
     * takes, not as long as the whole export. Where no copy can be made (no room, a damaged board), the board itself
     * is read.
     */
    static Status writeBoardViaCopy(BoardStore &store, const QString &folder, QIODevice *out);
    /// How many cards writeBoard() and `list` read per query.
    static constexpr int s_cardsPerPage = 50;

private:
    explicit BoardExport(BoardStore &store)
        : m_store(&store)
    { }
    Result<QJsonObject> readBoard() const;
    Status streamBoard(QIODevice *out) const;

    BoardStore *m_store;
    qint64 m_now = 0;
    QHash<qint64, QString> m_columnNames;
    QHash<qint64, QString> m_labelNames;
};

} // namespace hb::storage
