// SPDX-License-Identifier: GPL-3.0-or-later
#include "labelmodel.h"

#include "boardmodel.h"

#include <storage/records.h>

#include <QColor>

#include <algorithm>
#include <limits>

namespace hb::board {

LabelModel::LabelModel(BoardModel &board, QObject *parent)
    : QAbstractListModel(parent)
    , m_board(board)
{
    connect(&m_board, &BoardModel::labelsChanged, this, &LabelModel::reload);
    // Counts follow the cards lazily (a card labelled, archived or added): counted again when next asked. No
    // dataChanged says so: views ignore its roles, and it would reset a name being edited to the saved one.
    const auto stale = [this] { m_countsValid = false; };
    connect(&m_board, &QAbstractItemModel::dataChanged, this, stale);
    connect(&m_board, &QAbstractItemModel::rowsInserted, this, stale);
    connect(&m_board, &QAbstractItemModel::rowsRemoved, this, stale);
    reload();
}

LabelModel::~LabelModel() = default;

void LabelModel::reload()
{
    // Row by row rather than a reset, so a selection, an open editor and the focus stay where they are.
    const QList<storage::Label> fresh = m_board.labels();
    m_countsValid = false;
    const auto freshIndex = [&fresh](qint64 id) {
        return std::find_if(fresh.cbegin(), fresh.cend(), [id](const storage::Label &each) { return each.id == id; });
    };
    for (int row = int(m_labels.size()) - 1; row >= 0; --row) {
        if (freshIndex(m_labels.at(row).id) == fresh.cend()) {
            beginRemoveRows({}, row, row);
            m_labels.removeAt(row);
            endRemoveRows();
        }
    }
    // Names and colours change in place; a new name may sort elsewhere.
    bool reordered = false;
    for (int row = 0; row < m_labels.size(); ++row) {
        const storage::Label &now = *freshIndex(m_labels.at(row).id);
        if (now.name != m_labels.at(row).name || now.color != m_labels.at(row).color) {
            reordered = reordered || now.name != m_labels.at(row).name;
            m_labels[row] = now;
            Q_EMIT dataChanged(index(row), index(row));
        }
    }
    if (reordered) {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const QModelIndexList before = persistentIndexList();
        QList<qint64> ids;
        for (const QModelIndex &each : before)
            ids << m_labels.at(each.row()).id;
        std::stable_sort(m_labels.begin(), m_labels.end(), [](const storage::Label &a, const storage::Label &b) {
            return a.name.localeAwareCompare(b.name) < 0;
        });
        QModelIndexList after;
        for (qint64 id : std::as_const(ids))
            after << index(row(id));
        changePersistentIndexList(before, after);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }
    for (const storage::Label &label : fresh) {
        if (row(label.id) >= 0)
            continue;
        int at = 0;
        while (at < m_labels.size() && m_labels.at(at).name.localeAwareCompare(label.name) < 0)
            ++at;
        beginInsertRows({}, at, at);
        m_labels.insert(at, label);
        endInsertRows();
    }
}

qint64 LabelModel::idAt(int row) const
{
    return row >= 0 && row < m_labels.size() ? m_labels.at(row).id : 0;
}

int LabelModel::row(qint64 id) const
{
    for (int row = 0; row < m_labels.size(); ++row) {
        if (m_labels.at(row).id == id)
            return row;
    }
    return -1;
}

QList<std::pair<QString, QString>> LabelModel::palette()
{
    return {{tr("Red"), QStringLiteral("#c0392b")},    {tr("Orange"), QStringLiteral("#d35400")},
            {tr("Amber"), QStringLiteral("#f39c12")},  {tr("Green"), QStringLiteral("#27ae60")},
            {tr("Teal"), QStringLiteral("#16a085")},   {tr("Blue"), QStringLiteral("#2980b9")},
            {tr("Purple"), QStringLiteral("#8e44ad")}, {tr("Pink"), QStringLiteral("#e84393")},
            {tr("Brown"), QStringLiteral("#8d6e63")},  {tr("Grey"), QStringLiteral("#7f8c8d")}};
}

QString LabelModel::suggestedColor(const QString &name, const QStringList &taken)
{
    const auto colors = palette();
    // How unlike two colours look: RGB distance weighted as the eye weighs the channels.
    const auto distance = [](const QColor &a, const QColor &b) {
        const int red = a.red() - b.red();
        const int green = a.green() - b.green();
        const int blue = a.blue() - b.blue();
        return 2 * red * red + 4 * green * green + 3 * blue * blue;
    };
    const qsizetype start = qsizetype(qHash(name.trimmed().toLower()) % size_t(colors.size()));
    QString best;
    int bestDistance = -1;
    for (qsizetype i = 0; i < colors.size(); ++i) {
        const QString &candidate = colors.at((start + i) % colors.size()).second;
        int nearest = std::numeric_limits<int>::max();
        for (const QString &color : taken)
            nearest = std::min(nearest, distance(QColor(candidate), QColor(color)));
        if (nearest > bestDistance) {
            bestDistance = nearest;
            best = candidate;
        }
    }
    return best;
}

int LabelModel::cardCount(qint64 id) const
{
    if (!m_countsValid) {
        m_cardCounts.clear();
        for (int column = 0; column < m_board.rowCount(); ++column) {
            const QModelIndex parent = m_board.index(column, 0);
            for (int row = 0; row < m_board.rowCount(parent); ++row) {
                if (const storage::Card *card = m_board.cardAt(m_board.index(row, 0, parent))) {
                    for (qint64 label : card->labelIds)
                        ++m_cardCounts[label];
                }
            }
        }
        m_countsValid = true;
    }
    return m_cardCounts.value(id);
}

int LabelModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_labels.size());
}

QVariant LabelModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::Label &label = m_labels.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return label.name;
    case Qt::DecorationRole:
        return QColor(label.color);
    case Qt::ToolTipRole: {
        const int cards = cardCount(label.id);
        return cards == 0 ? tr("On no card") : cards == 1 ? tr("On 1 card") : tr("On %1 cards").arg(cards);
    }
    case IdRole:
        return label.id;
    case ColorRole:
        return label.color;
    case CardCountRole:
        return cardCount(label.id);
    default:
        return {};
    }
}

Qt::ItemFlags LabelModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractListModel::flags(index);
    if (index.isValid() && m_renameHandler)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool LabelModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !m_renameHandler
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return false;
    }
    // The row changes when the saved labels come back (names are sorted, so it may move).
    return m_renameHandler(m_labels.at(index.row()).id, value.toString());
}

} // namespace hb::board
