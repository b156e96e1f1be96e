// SPDX-License-Identifier: GPL-3.0-or-later
#include "boardoverview.h"

#include "boardmodel.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace hb::board {

namespace {

// Adds the count, WIP limit and a bold font to column rows, and a short status to card rows.
class OutlineProxy final : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        const bool isColumn = QIdentityProxyModel::data(index, BoardModel::IsColumnRole).toBool();
        if (isColumn && role == Qt::DisplayRole) {
            const QString name = QIdentityProxyModel::data(index, Qt::DisplayRole).toString();
            const int count = QIdentityProxyModel::data(index, BoardModel::CardCountRole).toInt();
            const int limit = QIdentityProxyModel::data(index, BoardModel::WipLimitRole).toInt();
            return limit > 0 ? BoardOverview::tr("%1  (%2/%3)").arg(name).arg(count).arg(limit)
                             : BoardOverview::tr("%1  (%2)").arg(name).arg(count);
        }
        if (isColumn && role == Qt::FontRole) {
            QFont font;
            font.setBold(true);
            return font;
        }
        if (!isColumn && role == Qt::DisplayRole) {
            QString text = QIdentityProxyModel::data(index, Qt::DisplayRole).toString();
            const QString assignee = QIdentityProxyModel::data(index, BoardModel::AssigneeRole).toString();
            const QString priority = QIdentityProxyModel::data(index, BoardModel::PriorityRole).toString();
            const QString status = QIdentityProxyModel::data(index, BoardModel::StatusRole).toString();
            const QDateTime due = QIdentityProxyModel::data(index, BoardModel::DueRole).toDateTime();
            const bool resolved = QIdentityProxyModel::data(index, BoardModel::ResolvedRole).toBool();
            text += QStringLiteral("   [") + priority + QStringLiteral("]");
            if (!status.isEmpty())
                text += QStringLiteral("  [") + status + QStringLiteral("]");
            if (due.isValid() && !resolved) {
                const QString when = QLocale().toString(due.toLocalTime(), QStringLiteral("ddd d MMM HH:mm"));
                text += due < QDateTime::currentDateTimeUtc() ? BoardOverview::tr("  OVERDUE since %1").arg(when)
                                                              : BoardOverview::tr("  due %1").arg(when);
            }
            if (!assignee.isEmpty())
                text += QStringLiteral("  @") + assignee;
            return text;
        }
        return QIdentityProxyModel::data(index, role);
    }
};

} // namespace

BoardOverview::BoardOverview(BoardModel *model, QWidget *parent)
    : QWidget(parent)
    , m_view(new QTreeView(this))
{
    auto *proxy = new OutlineProxy(this);
    proxy->setSourceModel(model);
    m_view->setObjectName(QStringLiteral("boardOutline"));
    m_view->setModel(proxy);
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setTextElideMode(Qt::ElideRight);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    connect(model, &QAbstractItemModel::modelReset, m_view, &QTreeView::expandAll);
    m_view->expandAll();
}

BoardOverview::~BoardOverview() = default;

} // namespace hb::board
