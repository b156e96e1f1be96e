// SPDX-License-Identifier: GPL-3.0-or-later
#include "boardmodel.h"

#include "idpayload.h"

#include <board/rules/attachmentfiles.h>
#include <board/rules/cardfields.h>
#include <storage/boardstore.h>
#include <storage/rank.h>

#include <QDateTime>
#include <QHash>
#include <QMimeData>
#include <QSet>
#include <QTextDocument>

namespace hb::board {

namespace {

// internalId of a card index: its column's row + 1; columns use 0.
constexpr quintptr s_columnMarker = 0;

} // namespace

BoardModel::BoardModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    m_markTimer.setSingleShot(true);
    connect(&m_markTimer, &QTimer::timeout, this, &BoardModel::expireMarks);
}

BoardModel::~BoardModel() = default;

storage::Status BoardModel::load(storage::BoardStore &store)
{
    if (auto loaded = loadOnce(store); loaded || loaded.error().kind != storage::ErrorKind::Io || !store.reconnect())
        return loaded;
    return loadOnce(store);
}

storage::Status BoardModel::loadOnce(storage::BoardStore &store)
{
    auto columns = store.columns();
    if (!columns)
        return columns.error();
    auto cards = store.cards();
    if (!cards)
        return cards.error();
    auto labels = store.labels();
    if (!labels)
        return labels.error();
    auto members = store.members();
    if (!members)
        return members.error();
    auto targets = store.escalationTargets();
    if (!targets)
        return targets.error();
    m_targets = *targets;
    if (const auto uuid = store.boardUuid())
        m_boardUuid = *uuid;
    setBoard(*columns, *cards, *labels, *members);
    return {};
}

void BoardModel::setBoard(const QList<storage::Column> &columns, const QList<storage::Card> &cards,
                          const QList<storage::Label> &labels, const QList<storage::Member> &members)
{
    beginResetModel();
    m_removedVersions.clear();
    m_labels.clear();
    for (const storage::Label &label : labels)
        m_labels.insert(label.id, label);
    m_members = members;
    m_memberNames.clear();
    for (const storage::Member &member : members)
        m_memberNames.insert(member.login, member.displayName.isEmpty() ? member.login : member.displayName);
    m_columns = columns;
    m_cards = QList<QList<storage::Card>>(columns.size());
    QHash<qint64, qsizetype> rowOf;
    for (qsizetype row = 0; row < columns.size(); ++row)
        rowOf.insert(columns.at(row).id, row);
    for (const storage::Card &card : cards) {
        if (auto it = rowOf.constFind(card.columnId); it != rowOf.cend())
            m_cards[*it] << card;
    }
    for (QList<storage::Card> &list : m_cards) {
        std::stable_sort(list.begin(), list.end(), [](const storage::Card &a, const storage::Card &b) {
            return a.rank < b.rank || (a.rank == b.rank && a.id < b.id);
        });
    }
    endResetModel();
    Q_EMIT labelsChanged();
}

// Both are asked for every card of every layout (through the filter proxy): plain bounds checks, not
// QAbstractItemModel::checkIndex(), which asks the model for the parent and its row count again.
const storage::Card *BoardModel::cardAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == s_columnMarker)
        return nullptr;
    const auto column = qsizetype(index.internalId() - 1);
    if (column >= m_cards.size() || index.row() >= m_cards.at(column).size())
        return nullptr;
    return &m_cards.at(column).at(index.row());
}

const storage::Column *BoardModel::columnAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() != s_columnMarker
        || index.row() >= m_columns.size())
        return nullptr;
    return &m_columns.at(index.row());
}

QString BoardModel::mimeType()
{
    return QStringLiteral("application/x-helpboard-card-ids");
}

QModelIndex BoardModel::cardIndex(qint64 id) const
{
    for (int column = 0; column < m_cards.size(); ++column) {
        const QList<storage::Card> &cards = m_cards.at(column);
        for (int row = 0; row < cards.size(); ++row) {
            if (cards.at(row).id == id)
                return index(row, 0, index(column, 0));
        }
    }
    return {};
}

void BoardModel::markChanged(qint64 id, const QString &login, int msecs)
{
    const QModelIndex card = cardIndex(id);
    if (!card.isValid())
        return;
    m_marks.insert(id, Mark{login, QDeadlineTimer(msecs)});
    Q_EMIT dataChanged(card, card, {ChangedByRole, Qt::ToolTipRole});
    Q_EMIT changeMarked(id);
    if (!m_markTimer.isActive() || m_markTimer.remainingTime() > msecs)
        m_markTimer.start(msecs);
}

std::optional<sla::Clocks> BoardModel::clocks(qint64 id) const
{
    const auto found = m_clocks.constFind(id);
    return found == m_clocks.cend() ? std::nullopt : std::optional(*found);
}

void BoardModel::setClocks(const QHash<qint64, sla::Clocks> &clocks, bool all)
{
    if (all)
        m_clocks = clocks;
    else
        m_clocks.insert(clocks);
    QHash<qint64, sla::Badge> badges = all ? QHash<qint64, sla::Badge>() : m_badges;
    for (auto each = clocks.cbegin(); each != clocks.cend(); ++each) {
        if (const auto badge = sla::badgeOf(each.value()))
            badges.insert(each.key(), *badge);
        else
            badges.remove(each.key());
    }
    // One change per column, from its first card whose badge changed to its last: a minute's tick changes most.
    QList<std::pair<int, std::pair<int, int>>> changed; // column, first and last row
    for (int column = 0; column < m_cards.size(); ++column) {
        const QList<storage::Card> &cards = m_cards.at(column);
        int first = -1;
        int last = -1;
        for (int row = 0; row < cards.size(); ++row) {
            const qint64 id = cards.at(row).id;
            if (m_badges.value(id) == badges.value(id) && m_badges.contains(id) == badges.contains(id))
                continue;
            first = first < 0 ? row : first;
            last = row;
        }
        if (first >= 0)
            changed.append({column, {first, last}});
    }
    m_badges = std::move(badges);
    for (const auto &[column, rows] : std::as_const(changed)) {
        const QModelIndex parent = index(column, 0);
        Q_EMIT dataChanged(index(rows.first, 0, parent), index(rows.second, 0, parent), {SlaStateRole, SlaTextRole});
    }
}

void BoardModel::expireMarks()
{
    qint64 next = -1;
    for (auto mark = m_marks.begin(); mark != m_marks.end();) {
        if (!mark->until.hasExpired()) {
            const qint64 left = mark->until.remainingTime();
            next = next < 0 ? left : std::min(next, left);
            ++mark;
            continue;
        }
        const qint64 id = mark.key();
        mark = m_marks.erase(mark);
        if (const QModelIndex card = cardIndex(id); card.isValid())
            Q_EMIT dataChanged(card, card, {ChangedByRole, Qt::ToolTipRole});
    }
    if (next >= 0)
        m_markTimer.start(int(next));
}

void BoardModel::removeCard(qint64 id)
{
    const QModelIndex current = cardIndex(id);
    if (!current.isValid())
        return;
    const qint64 version = cardAt(current)->version;
    m_removedVersions[id] = std::max(m_removedVersions.value(id), version);
    beginRemoveRows(current.parent(), current.row(), current.row());
    m_cards[current.parent().row()].removeAt(current.row());
    endRemoveRows();
}

void BoardModel::applyCard(const storage::Card &card)
{
    const QModelIndex target = columnIndex(card.columnId);
    if (card.archivedAt || card.deletedAt || !target.isValid()) {
        removeCard(card.id);
        m_removedVersions[card.id] = std::max(m_removedVersions.value(card.id), card.version);
        return;
    }
    const auto before = [](const storage::Card &a, const storage::Card &b) {
        return a.rank < b.rank || (a.rank == b.rank && a.id < b.id);
    };
    QList<storage::Card> &destination = m_cards[target.row()];
    const QModelIndex current = cardIndex(card.id);
    if (!current.isValid()) {
        const int row =
                int(std::lower_bound(destination.cbegin(), destination.cend(), card, before) - destination.cbegin());
        beginInsertRows(target, row, row);
        destination.insert(row, card);
        endInsertRows();
        return;
    }
    QList<storage::Card> &source = m_cards[current.parent().row()];
    const int from = current.row();
    // Where it goes among the others, counted without itself.
    QList<storage::Card> others = destination;
    if (&source == &destination)
        others.removeAt(from);
    const int to = int(std::lower_bound(others.cbegin(), others.cend(), card, before) - others.cbegin());
    if (&source == &destination && to == from) {
        destination[from] = card;
        const QModelIndex changed = index(from, 0, target);
        Q_EMIT dataChanged(changed, changed);
        return;
    }
    const int destinationChild = (&source == &destination && to > from) ? to + 1 : to;
    beginMoveRows(current.parent(), from, from, target, destinationChild);
    source.removeAt(from);
    destination.insert(to, card);
    endMoveRows();
    // Moving changes the card's data too (resolved, started, version): say so.
    const QModelIndex moved = index(to, 0, target);
    Q_EMIT dataChanged(moved, moved);
}

void BoardModel::placeCard(qint64 id, qint64 columnId, qint64 beforeId)
{
    const QModelIndex current = cardIndex(id);
    const QModelIndex target = columnIndex(columnId);
    if (!current.isValid() || !target.isValid())
        return;
    storage::Card card = *cardAt(current);
    QList<storage::Card> others = m_cards.at(target.row());
    others.removeIf([id](const storage::Card &other) { return other.id == id; });
    const auto at = std::find_if(others.cbegin(), others.cend(),
                                 [beforeId](const storage::Card &other) { return other.id == beforeId; });
    const QString previous = at == others.cbegin() ? QString() : std::prev(at)->rank;
    const QString next = at == others.cend() ? QString() : at->rank;
    card.columnId = columnId;
    card.rank = storage::rank::between(previous, next);
    // Two cards may share a rank (made by two people at once): then there is no rank between them, and the
    // saved card, a moment later, puts it right.
    if (card.rank.isEmpty())
        card.rank = next.isEmpty() ? previous : next;
    applyCard(card);
}

void BoardModel::applyColumn(const storage::Column &column)
{
    const QModelIndex at = columnIndex(column.id);
    if (!at.isValid())
        return;
    storage::Column &mine = m_columns[at.row()];
    mine.name = column.name;
    mine.wipLimit = column.wipLimit;
    mine.version = column.version;
    Q_EMIT dataChanged(at, at);
}

void BoardModel::applyLabels(const QList<storage::Label> &labels)
{
    // Only the cards that carry a label that changed (or came, or went) say so: a dataChanged over a card being
    // renamed in place would put its saved title back into the editor.
    QHash<qint64, storage::Label> fresh;
    for (const storage::Label &label : labels)
        fresh.insert(label.id, label);
    QSet<qint64> changed;
    for (auto it = m_labels.cbegin(); it != m_labels.cend(); ++it) {
        const auto now = fresh.constFind(it.key());
        if (now == fresh.cend() || now->name != it->name || now->color != it->color)
            changed << it.key();
    }
    for (auto it = fresh.cbegin(); it != fresh.cend(); ++it) {
        if (!m_labels.contains(it.key()))
            changed << it.key();
    }
    m_labels = fresh;
    for (int column = 0; column < m_cards.size(); ++column) {
        const QList<storage::Card> &cards = m_cards.at(column);
        const QModelIndex parent = index(column, 0);
        for (int row = 0; row < cards.size(); ++row) {
            const QList<qint64> &ids = cards.at(row).labelIds;
            if (std::any_of(ids.cbegin(), ids.cend(), [&changed](qint64 id) { return changed.contains(id); }))
                Q_EMIT dataChanged(index(row, 0, parent), index(row, 0, parent));
        }
    }
    Q_EMIT labelsChanged();
}

QList<storage::Label> BoardModel::labels() const
{
    QList<storage::Label> result = m_labels.values();
    std::sort(result.begin(), result.end(),
              [](const storage::Label &a, const storage::Label &b) { return a.name.localeAwareCompare(b.name) < 0; });
    return result;
}

QStringList BoardModel::mimeTypes() const
{
    return {mimeType(), QStringLiteral("text/uri-list")};
}

QMimeData *BoardModel::mimeData(const QModelIndexList &indexes) const
{
    // Ids, never pointers or row numbers: rows move under a drag when colleagues save.
    IdPayload payload{m_boardUuid, {}};
    QModelIndexList sorted = indexes;
    std::sort(sorted.begin(), sorted.end(), [](const QModelIndex &a, const QModelIndex &b) {
        return a.parent().row() < b.parent().row() || (a.parent().row() == b.parent().row() && a.row() < b.row());
    });
    for (const QModelIndex &index : std::as_const(sorted)) {
        const PayloadItem item = [&] {
            const storage::Card *card = cardAt(index);
            return card ? PayloadItem{card->id, card->createdAt} : PayloadItem{};
        }();
        if (item.id && !payload.items.contains(item))
            payload.items << item;
    }
    return payloadToMimeData(mimeType(), payload);
}

std::optional<QList<qint64>> BoardModel::cardsOf(const QMimeData *data) const
{
    const auto payload = payloadFromMimeData(data, mimeType());
    if (!payload || payload->board != m_boardUuid)
        return std::nullopt;
    QList<qint64> ids;
    for (const PayloadItem &item : payload->items) {
        const storage::Card *card = cardAt(cardIndex(item.id));
        // Gone meanwhile (archived by someone else during the drag): the rest still moves.
        if (!card)
            continue;
        // Another card of the same id: the payload comes from a copy of this board.
        if (card->createdAt != item.createdAt)
            return std::nullopt;
        if (!ids.contains(item.id))
            ids << item.id;
    }
    return ids;
}

bool BoardModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                 const QModelIndex &parent) const
{
    if (!data)
        return false;
    if (data->hasFormat(mimeType())) {
        return (action == Qt::MoveAction || action == Qt::IgnoreAction) && (columnAt(parent) || cardAt(parent))
               && cardsOf(data).has_value();
    }
    // Files from a file manager, onto a card (not between cards): attached to it.
    return m_fileDropHandler && cardAt(parent) && action != Qt::IgnoreAction
           && !attachmentfiles::localFiles(data).isEmpty();
}

bool BoardModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int, const QModelIndex &parent)
{
    if (action == Qt::IgnoreAction)
        return true;
    if (!canDropMimeData(data, action, row, 0, parent))
        return false;
    if (!data->hasFormat(mimeType()))
        return m_fileDropHandler(cardAt(parent)->id, attachmentfiles::localFiles(data));
    if (!m_dropHandler)
        return false;
    // Dropped onto a card: it goes before that card.
    QModelIndex column = parent;
    if (cardAt(parent)) {
        column = parent.parent();
        row = parent.row();
    }
    // Every id resolved again, from this board only.
    const QList<qint64> ids = cardsOf(data).value_or(QList<qint64>());
    if (ids.isEmpty())
        return false;
    const QList<storage::Card> &cards = m_cards.at(column.row());
    row = (row < 0 || row > cards.size()) ? int(cards.size()) : row;
    qint64 beforeId = 0;
    for (int i = row; i < cards.size() && !beforeId; ++i) {
        if (!ids.contains(cards.at(i).id))
            beforeId = cards.at(i).id;
    }
    return m_dropHandler(ids, m_columns.at(column.row()).id, beforeId);
}

QModelIndex BoardModel::columnIndex(qint64 columnId) const
{
    for (int row = 0; row < m_columns.size(); ++row) {
        if (m_columns.at(row).id == columnId)
            return index(row, 0);
    }
    return {};
}

int BoardModel::cardCount() const
{
    int count = 0;
    for (const auto &list : m_cards)
        count += int(list.size());
    return count;
}

int BoardModel::overdueCount(qint64 now) const
{
    int count = 0;
    for (const auto &list : m_cards) {
        for (const storage::Card &card : list)
            count += card.isOverdue(now) ? 1 : 0;
    }
    return count;
}

QModelIndex BoardModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column != 0)
        return {};
    if (!parent.isValid())
        return row < m_columns.size() ? createIndex(row, column, s_columnMarker) : QModelIndex();
    // Cards have no children; a card's index is only made under its column.
    if (!columnAt(parent) || row >= m_cards.at(parent.row()).size())
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex BoardModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == s_columnMarker)
        return {};
    return createIndex(int(child.internalId() - 1), 0, s_columnMarker);
}

int BoardModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_columns.size());
    if (parent.column() != 0 || parent.internalId() != s_columnMarker)
        return 0;
    return int(m_cards.at(parent.row()).size());
}

int BoardModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QString BoardModel::toolTip(const storage::Card &card) const
{
    // Rich text made of escaped parts only: people's text never becomes markup, and a description written in
    // Markdown reads as the text it says, its first lines.
    QStringList parts;
    if (const auto mark = m_marks.constFind(card.id); mark != m_marks.cend())
        parts << QStringLiteral("<i>%1</i>").arg(tr("Just changed by %1").arg(memberName(mark->login)).toHtmlEscaped());
    parts << QStringLiteral("<b>%1</b>").arg(card.title.toHtmlEscaped());
    parts << tr("Priority: %1").arg(priorityText(card.priority)).toHtmlEscaped();
    if (card.escalation.isEscalated())
        parts << tr("Escalated to %1").arg(escalationText(card.escalation)).toHtmlEscaped();
    if (!card.description.isEmpty()) {
        QTextDocument document;
        document.setMarkdown(card.description, QTextDocument::MarkdownNoHTML);
        QString text = document.toPlainText().trimmed();
        if (text.size() > s_toolTipTextLength)
            text = text.left(s_toolTipTextLength).trimmed() + QChar(0x2026);
        parts << QStringLiteral("<span style=\"white-space:pre-wrap\">%1</span>").arg(text.toHtmlEscaped());
    }
    return QStringLiteral("<p>%1</p>").arg(parts.join(QStringLiteral("<br>")));
}

QVariant BoardModel::data(const QModelIndex &index, int role) const
{
    if (const storage::Column *column = columnAt(index)) {
        switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole:
            return column->name;
        case IdRole:
            return column->id;
        case IsColumnRole:
            return true;
        case VersionRole:
            return column->version;
        case WipLimitRole:
            return column->wipLimit;
        case ColumnKindRole:
            return storage::toText(column->kind);
        case CardCountRole:
            return int(m_cards.at(index.row()).size());
        default:
            return {};
        }
    }
    const storage::Card *card = cardAt(index);
    if (!card)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return card->title;
    case Qt::ToolTipRole:
        return toolTip(*card);
    case ChangedByRole: {
        const auto mark = m_marks.constFind(card->id);
        return mark == m_marks.cend() ? QString() : memberName(mark->login);
    }
    case IdRole:
        return card->id;
    case IsColumnRole:
        return false;
    case VersionRole:
        return card->version;
    case PriorityRole:
        return storage::toText(card->priority);
    case StatusRole:
        return storage::toText(card->status);
    case AssigneeRole:
        return card->assignee;
    case RequesterRole:
        return card->requester;
    case DueRole:
        return card->dueAt ? QDateTime::fromMSecsSinceEpoch(card->dueAt, Qt::UTC) : QVariant();
    case LabelIdsRole:
        return QVariant::fromValue(card->labelIds);
    case ChecklistDoneRole:
        return card->checklistDone;
    case ChecklistTotalRole:
        return card->checklistTotal;
    case CommentCountRole:
        return card->commentCount;
    case AttachmentCountRole:
        return card->attachmentCount;
    case ResolvedRole:
        return card->resolvedAt != 0;
    case LabelsRole:
        return labelChips(*card);
    case HasLabelsRole:
    case HeightKeyRole: {
        const bool labels = std::any_of(card->labelIds.cbegin(), card->labelIds.cend(),
                                        [this](qint64 id) { return m_labels.contains(id); });
        if (role == HasLabelsRole)
            return labels;
        // One value for the delegate's height cache, asked for every card on every layout: cheaper than the title.
        // The row of chips shows for labels and for an urgent priority's chip.
        const bool chips = labels || isUrgent(card->priority) || card->escalation.isEscalated();
        return QVariant::fromValue<quint64>((quint64(qHash(card->title)) << 1) | (chips ? 1 : 0));
    }
    case AssigneeNameRole:
        return card->assignee.isEmpty() ? QString() : m_memberNames.value(card->assignee, card->assignee);
    case StatusTextRole:
        return card->status == storage::StatusTag::None ? QString() : statusText(card->status);
    case SlaStateRole:
        if (const auto badge = m_badges.constFind(card->id); badge != m_badges.cend())
            return sla::stateName(badge->state);
        return QString();
    case SlaTextRole:
        return m_badges.value(card->id).text;
    case EscalationRole:
        return card->escalation.targetName;
    case EscalationKindRole:
        return card->escalation.isEscalated() ? storage::toText(card->escalation.targetKind) : QString();
    default:
        return {};
    }
}

QVariantList BoardModel::labelChips(const storage::Card &card) const
{
    QVariantList chips;
    for (qint64 id : card.labelIds) {
        if (auto it = m_labels.constFind(id); it != m_labels.cend())
            chips << QVariantMap{{QStringLiteral("name"), it->name}, {QStringLiteral("color"), it->color}};
    }
    return chips;
}

Qt::ItemFlags BoardModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (columnAt(index))
        return Qt::ItemIsEnabled | Qt::ItemIsDropEnabled;
    // Cards take no drops themselves: the view then drops between them (above or below the card under the
    // pointer) and draws a line where the card will land. Dragging needs somewhere to save the move.
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (m_dropHandler)
        flags |= Qt::ItemIsDragEnabled;
    if (m_renameHandler)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool BoardModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const storage::Card *card = cardAt(index);
    if (!card || role != Qt::EditRole || !m_renameHandler)
        return false;
    return m_renameHandler(card->id, value.toString());
}

QHash<int, QByteArray> BoardModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(PriorityRole, "priority");
    names.insert(DueRole, "due");
    names.insert(AssigneeRole, "assignee");
    return names;
}

} // namespace hb::board
