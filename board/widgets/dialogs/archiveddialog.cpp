// SPDX-License-Identifier: GPL-3.0-or-later
#include "archiveddialog.h"

#include <board/actions/boardactions.h>
#include <board/model/archivedcardsmodel.h>
#include <board/widgets/common/busyretry.h>
#include <storage/boardstore.h>

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace hb::board {

ArchivedDialog::ArchivedDialog(storage::BoardStore &store, BoardActions *actions, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_actions(actions)
    , m_model(new ArchivedCardsModel(this))
    , m_shown(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("archivedDialog"));
    setWindowTitle(tr("Archived cards"));
    m_shown->setSourceModel(m_model);
    m_shown->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_shown->setFilterKeyColumn(ArchivedCardsModel::TitleColumn);
    m_shown->setSortRole(ArchivedCardsModel::SortRole);
    m_shown->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_shown->setSortLocaleAware(true);

    auto *layout = new QVBoxLayout(this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("archivedSearch"));
    m_search->setPlaceholderText(tr("Find by title"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_shown, &QSortFilterProxyModel::setFilterFixedString);
    layout->addWidget(m_search);
    m_list = new QTreeView(this);
    m_list->setObjectName(QStringLiteral("archivedList"));
    m_list->setModel(m_shown);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAlternatingRowColors(true);
    m_list->setTextElideMode(Qt::ElideMiddle); // a long title keeps its start and its end
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(ArchivedCardsModel::ArchivedAtColumn, Qt::DescendingOrder); // the one just archived first
    QHeaderView *header = m_list->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ArchivedCardsModel::TitleColumn, QHeaderView::Stretch);
    for (int column :
         {ArchivedCardsModel::ColumnColumn, ArchivedCardsModel::ArchivedAtColumn, ArchivedCardsModel::ArchivedByColumn})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_list->setAccessibleName(tr("Archived cards"));
    layout->addWidget(m_list, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("archivedStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_restore = buttons->addButton(tr("&Restore to the Board"), QDialogButtonBox::ActionRole);
    m_restore->setObjectName(QStringLiteral("restoreArchived"));
    m_restore->setToolTip(tr("Put the selected cards back in the column they were archived from (Ctrl+Z takes it "
                             "back)"));
    connect(m_restore, &QPushButton::clicked, this, &ArchivedDialog::restoreSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_list, &QTreeView::activated, this, &ArchivedDialog::restoreSelected);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ArchivedDialog::updateButtons);
    connect(m_shown, &QAbstractItemModel::modelReset, this, &ArchivedDialog::updateButtons);
    connect(m_shown, &QAbstractItemModel::rowsInserted, this, &ArchivedDialog::updateButtons);
    connect(m_shown, &QAbstractItemModel::rowsRemoved, this, &ArchivedDialog::updateButtons);
    // Undo and redo of a restore, and colleagues' archiving seen on reload: the list follows each landed save.
    if (m_actions) {
        connect(m_actions, &BoardActions::savingChanged, this, [this](bool saving) {
            if (!saving && isVisible())
                reload();
        });
    }
    resize(760, 480);
    updateButtons();
}

ArchivedDialog::~ArchivedDialog() = default;

void ArchivedDialog::showEvent(QShowEvent *event)
{
    reload();
    QDialog::showEvent(event);
}

void ArchivedDialog::reload()
{
    storage::CardQuery query;
    query.onlyArchived = true;
    auto cards = m_store.cards(query);
    auto columns = m_store.columns();
    // Who archived a card, by the name the board shows for them.
    QHash<QString, QString> people;
    if (auto members = m_store.members()) {
        for (const storage::Member &member : *members) {
            if (!member.displayName.isEmpty())
                people.insert(member.login, member.displayName);
        }
    }
    if (!cards || !columns) {
        m_model->setCards({}, {});
        m_status->setText(!cards ? cards.error().message : columns.error().message);
        // A colleague's save kept the file busy: read again in a moment, never waited for on the window's thread.
        if (foundBusy(cards) || foundBusy(columns)) {
            QTimer::singleShot(s_busyRetryMs, this, [this] {
                if (isVisible())
                    reload();
            });
        }
        return;
    }
    QHash<qint64, QString> names;
    for (const storage::Column &column : *columns)
        names.insert(column.id, column.name);
    m_model->setCards(*cards, names, people);
    updateButtons();
}

void ArchivedDialog::restoreSelected()
{
    if (!m_actions)
        return;
    QList<qint64> ids;
    for (const QModelIndex &index : m_list->selectionModel()->selectedRows())
        ids << index.data(ArchivedCardsModel::IdRole).toLongLong();
    if (ids.isEmpty())
        return;
    m_actions->restoreArchived(ids, [dialog = QPointer<ArchivedDialog>(this)] {
        if (dialog)
            dialog->reload();
    });
}

void ArchivedDialog::updateButtons()
{
    const int shown = m_shown->rowCount();
    const int selected = int(m_list->selectionModel()->selectedRows().size());
    m_restore->setEnabled(m_actions && selected > 0);
    m_restore->setVisible(m_actions != nullptr);
    if (m_model->rowCount() == 0)
        m_status->setText(tr("No archived cards."));
    else if (shown == m_model->rowCount())
        m_status->setText(tr("%1 archived cards").arg(shown));
    else
        m_status->setText(tr("%1 of %2 archived cards").arg(shown).arg(m_model->rowCount()));
}

} // namespace hb::board
