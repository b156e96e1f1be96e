// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <board/rules/cardfields.h>
#include <board/sla/clock.h>
#include <storage/records.h>
#include <storage/result.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>

#include <functional>
#include <optional>

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

/// What a save hands back to the window: how it went, and what it touched as the file holds it afterwards.
struct Saved
{
    Saved() = default;
    Saved(storage::Status outcome)
        : status(std::move(outcome))
    { }

    storage::Status status;
    qint64 newId = 0;               ///< the card or column a save created
    QList<storage::Card> cards;     ///< read after the save, whether it worked or not: shown as they are
    QList<qint64> removed;          ///< cards read back that are no longer in the file at all
    QList<storage::Column> columns; ///< likewise, for renamed or re-limited columns
    qint64 detailsCard = 0;         ///< the card whose checklist, comments and attachments were read back
    QList<storage::ChecklistItem> checklist;
    QList<storage::Comment> comments;
    QList<storage::Attachment> attachments;
    QVariant result;                                 ///< what a read job hands back (a thumbnail)
    std::optional<CardConflict> conflict;            ///< a card edit met someone else's change: the choice to offer
    QHash<qint64, QString> changedBy;                ///< read by the poller: who else made each card's latest change
    std::optional<QList<storage::Presence>> present; ///< read by the poller: the windows that have the board open
    /// Read by the poller: cards' service-level clocks, every card's (allClocks) or those that changed.
    std::optional<QHash<qint64, sla::Clocks>> clocks;
    bool allClocks = false;
    /// Called on the worker's thread when this failure is final (not run again once the file is back).
    std::function<void()> onFailed;
    bool labelsRead = false; ///< labels holds the board's labels, read after the save
    QList<storage::Label> labels;
    bool reloadBoard = false;     ///< columns were added, removed or reordered, or nothing could be read back:
                                  ///< load the whole board again
    bool partlySaved = false;     ///< failed in part, but what it did save stands (and can be undone)
    bool articlesChanged = false; ///< the knowledge base (an article, or a card's links to one) may have changed

    /// Reads cards @p ids back into cards (after the save, on the store's thread).
    void readCards(storage::BoardStore &store, const QList<qint64> &ids);
    /// Reads the board's labels back.
    void readLabels(storage::BoardStore &store);
    /// Reads card @p cardId back, with its checklist, comments and attachments (@p withCard false: only those).
    void readDetails(storage::BoardStore &store, qint64 cardId, bool withCard = true);
};

} // namespace hb::board
