// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <board/sla/clock.h>
#include <storage/records.h>
#include <storage/result.h>

#include <QAbstractItemModel>
#include <QDeadlineTimer>
#include <QTimer>
#include <QUuid>
#include <QHash>
#include <QList>

#include <functional>
#include <optional>

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

/**
 * The board in memory: a two-level tree, columns at the top and their cards below, in board order.
 * Loaded from BoardStore in one pass (every query read to its end), so views never hold a database lock.
 */
class BoardModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardModel)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        IsColumnRole,
        VersionRole,
        // columns
        WipLimitRole,
        ColumnKindRole,
        CardCountRole,
        // cards
        PriorityRole,
        StatusRole,
        AssigneeRole,
        RequesterRole,
        DueRole,
        LabelIdsRole,
        ChecklistDoneRole,
        ChecklistTotalRole,
        CommentCountRole,
        AttachmentCountRole,
        ResolvedRole,
        LabelsRole,         ///< QVariantList of QVariantMap {name, color}, in the card's label order
        AssigneeNameRole,   ///< the assignee's display name, or their login when they have none
        StatusTextRole,     ///< "In progress", "Needs review", "Blocked" or empty, for people
        HasLabelsRole,      ///< whether LabelsRole has any chip
        HeightKeyRole,      ///< quint64 that changes when what a card's height depends on (title, labels) does
        ChangedByRole,      ///< who just changed the card (their display name), while it is marked; else empty
        OutsideFilterRole,  ///< CardFilterModel's: shown only because it was just added, though the filter hides it
        SlaStateRole,       ///< the state of the card's clock that matters now ("at-risk", ...; sla::stateName()), or
                            ///< empty when its badge says nothing (met, or not read yet)
        SlaTextRole,        ///< what its badge says: "1h 20m left", "2h over", "paused", "missed"
        EscalationRole,     ///< the name of whom it is escalated to now, or empty
        EscalationKindRole, ///< "second-line" or "vendor" (storage::toText()), when escalated
    };
    Q_ENUM(Roles)

    explicit BoardModel(QObject *parent = nullptr);
    ~BoardModel() override;

    /// Replaces the whole board with what @p store holds now. After an I/O error it tries once more on a new
    /// connection (the share was gone, and the store's handle may be dead for good); on failure the board stays.
    storage::Status load(storage::BoardStore &store);
    void setBoard(const QList<storage::Column> &columns, const QList<storage::Card> &cards,
                  const QList<storage::Label> &labels = {}, const QList<storage::Member> &members = {});

    /// Puts @p card where its column and rank say: inserts, moves or updates its row (removes it when archived
    /// or deleted). The only way rows change besides a full load.
    void applyCard(const storage::Card &card);
    void removeCard(qint64 id);
    /// The version card @p id had when it last left the board (archived, deleted, removed); 0 if it never did. A
    /// read of it at that version or older is stale.
    qint64 versionWhenRemoved(qint64 id) const { return m_removedVersions.value(id); }
    /**
     * Shows card @p id in @p columnId just before @p beforeId (at the end when 0 or not there), with a rank made
     * up on the spot: how a move looks at once, before it is saved. The saved card, applied later, has the real one.
     */
    void placeCard(qint64 id, qint64 columnId, qint64 beforeId);
    /// Updates a column's name, WIP limit and version (a rename or a new limit; not its place).
    void applyColumn(const storage::Column &column);
    /// Replaces the board's labels (names and colours on every card follow).
    void applyLabels(const QList<storage::Label> &labels);
    /// The board's labels, by name.
    QList<storage::Label> labels() const;
    /**
     * Marks card @p id as just changed by @p login for @p msecs (ChangedByRole, and its tooltip, say who); a
     * later mark of the same card starts its time again.
     */
    void markChanged(qint64 id, const QString &login, int msecs);
    /// Cards' service-level clocks (BoardPoller::clocksRead()): every card's when @p all (the others then have
    /// none), else those of @p clocks. Says which cards' badges changed, a range per column.
    void setClocks(const QHash<qint64, sla::Clocks> &clocks, bool all);
    /// Card @p id's clocks as last read; none before the first read, or without usable service levels.
    std::optional<sla::Clocks> clocks(qint64 id) const;
    /// A member's display name, or the login itself when they have none (or are not a member).
    QString memberName(const QString &login) const { return m_memberNames.value(login, login); }
    /// Whom tickets can be escalated to, as last read (load()), by name.
    const QList<storage::EscalationTarget> &escalationTargets() const { return m_targets; }
    void setEscalationTargets(const QList<storage::EscalationTarget> &targets) { m_targets = targets; }
    /// The board's members as last read, in the store's order.
    const QList<storage::Member> &members() const { return m_members; }
    QModelIndex cardIndex(qint64 id) const;

    /// Called for a drop of cards: the cards' ids, the target column, and the card they go before (0 = end).
    using DropHandler = std::function<bool(const QList<qint64> &ids, qint64 columnId, qint64 beforeId)>;
    void setDropHandler(DropHandler handler) { m_dropHandler = std::move(handler); }
    /// Called when a card's title is edited in place; without one, cards are not editable.
    using RenameHandler = std::function<bool(qint64 id, const QString &title)>;
    void setRenameHandler(RenameHandler handler) { m_renameHandler = std::move(handler); }
    /// Called for files dropped onto a card (from a file manager): the card and the files' paths.
    using FileDropHandler = std::function<bool(qint64 cardId, const QStringList &paths)>;
    void setFileDropHandler(FileDropHandler handler) { m_fileDropHandler = std::move(handler); }
    static QString mimeType();
    /// The board's UUID (load() reads it): drag payloads carry it, and drops refuse another board's.
    QUuid boardUuid() const { return m_boardUuid; }
    void setBoardUuid(const QUuid &uuid) { m_boardUuid = uuid; }

    const storage::Card *cardAt(const QModelIndex &index) const;
    const storage::Column *columnAt(const QModelIndex &index) const;
    QModelIndex columnIndex(qint64 columnId) const;
    int cardCount() const;
    /// Cards due before @p now and not resolved.
    int overdueCount(qint64 now) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    /// Critical and high: named on the card by a chip, not only by the stripe's colour.
    static bool isUrgent(storage::Priority priority)
    {
        return priority == storage::Priority::Critical || priority == storage::Priority::High;
    }
    /// A card's tooltip: who just changed it, its title, priority and the start of its description as plain text.
    QString toolTip(const storage::Card &card) const;
    static constexpr int s_toolTipTextLength = 400;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /// Edit role on a card: hands the new title to the rename handler, which saves it and updates the row.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    /// The board's labels changed (a load, or applyLabels()).
    void labelsChanged();
    /// markChanged() marked card @p id: someone else's change to it has just been shown.
    void changeMarked(qint64 id);

public:
    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }
    /// Cards move; files dropped onto a card are copied in.
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction | Qt::CopyAction; }
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    /// Decodes the ids and hands the move to the drop handler (which saves it and pushes an undo command);
    /// rows change only when the handler applies the saved cards. Files dropped onto a card go to the file drop
    /// handler. Cards dragged from another board (its UUID, or a card of the same id made at another time, as in a
    /// copy of this board) are refused: nothing moves.
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

private:
    storage::Status loadOnce(storage::BoardStore &store);
    /// The cards a drag payload names, each checked to be this board's; nullopt for another board's payload.
    std::optional<QList<qint64>> cardsOf(const QMimeData *data) const;
    QVariantList labelChips(const storage::Card &card) const;
    /// Takes off the marks whose time is up, and waits for the next one.
    void expireMarks();

    QList<storage::Column> m_columns;
    QUuid m_boardUuid;
    QHash<qint64, storage::Label> m_labels;
    QHash<QString, QString> m_memberNames;
    QList<storage::Member> m_members;
    QList<storage::EscalationTarget> m_targets;
    DropHandler m_dropHandler;
    RenameHandler m_renameHandler;
    FileDropHandler m_fileDropHandler;
    QList<QList<storage::Card>> m_cards; ///< m_cards[i] are the cards of m_columns[i], in rank order
    struct Mark
    {
        QString login;
        QDeadlineTimer until;
    };
    QHash<qint64, Mark> m_marks;             ///< cards just changed by someone else
    QHash<qint64, sla::Clocks> m_clocks;     ///< each card's service-level clocks as last read
    QHash<qint64, sla::Badge> m_badges;      ///< what each card's service-level badge says (none: nothing)
    QHash<qint64, qint64> m_removedVersions; ///< see versionWhenRemoved()
    QTimer m_markTimer;
};

} // namespace hb::board
