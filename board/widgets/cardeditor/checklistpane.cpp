// SPDX-License-Identifier: GPL-3.0-or-later
#include "checklistpane.h"

#include "templatemenu.h"

#include <board/actions/boardactions.h>
#include <board/model/boardmodel.h>
#include <board/model/checklistmodel.h>
#include <board/widgets/common/characterlimit.h>
#include <storage/boardstore.h>

#include <QApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace hb::board {

ChecklistPane::ChecklistPane(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    auto *heading = new QLabel(tr("Checklist"), this);
    QFont bold = heading->font();
    bold.setWeight(QFont::DemiBold);
    heading->setFont(bold);
    header->addWidget(heading);
    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("checklistProgress"));
    m_progress->setForegroundRole(QPalette::PlaceholderText);
    header->addWidget(m_progress, 1);
    m_templates = new QToolButton(this);
    m_templates->setObjectName(QStringLiteral("templatesButton"));
    m_templates->setText(tr("Templates"));
    m_templates->setToolTip(tr("Add the items of a checklist template, or save this checklist as one"));
    m_templates->setPopupMode(QToolButton::InstantPopup);
    m_templates->setAutoRaise(true);
    m_templateMenu = new TemplateMenu(m_templates);
    m_templates->setMenu(m_templateMenu);
    header->addWidget(m_templates);
    layout->addLayout(header);

    m_model = new ChecklistModel(this);
    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("checklistView"));
    m_view->setModel(m_model);
    // As tall as its items, and a long item wraps at the pane's width: the editor scrolls, never the list.
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setWordWrap(true);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel); // the bar's value is the offset in pixels
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->setDropIndicatorShown(true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setSpacing(2);
    m_view->setAccessibleName(tr("Checklist"));
    m_view->installEventFilter(this);
    layout->addWidget(m_view);
    m_add = new QLineEdit(this);
    m_add->setObjectName(QStringLiteral("checklistAdd"));
    m_add->setPlaceholderText(tr("+ Add an item (Enter)"));
    CharacterLimit::apply(m_add, storage::BoardStore::s_maxChecklistTextLength);
    connect(m_add, &QLineEdit::returnPressed, this, &ChecklistPane::addItem);
    layout->addWidget(m_add);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &ChecklistPane::fitToItems);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ChecklistPane::fitToItems);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ChecklistPane::fitToItems);
}

ChecklistPane::~ChecklistPane() = default;

void ChecklistPane::setBoard(storage::BoardStore *store, BoardActions *actions)
{
    m_actions = actions;
    m_templateMenu->setBoard(store, actions);
    if (actions) {
        actions->setChecklist(m_model);
        m_model->setHandlers(
                {[this](qint64 id, const QString &text) { return m_actions->editChecklistItem(m_cardId, id, text); },
                 [this](qint64 id, bool done) { return m_actions->tickChecklistItem(m_cardId, id, done); },
                 [this](qint64 id, qint64 beforeId) { return m_actions->moveChecklistItem(m_cardId, id, beforeId); }});
    } else {
        m_model->setHandlers({});
    }
    m_model->setItems(0, {});
    m_cardId = 0;
}

void ChecklistPane::showCard(qint64 cardId)
{
    m_cardId = cardId;
    m_templateMenu->setCard(cardId, [this] {
        QStringList texts;
        for (const storage::ChecklistItem &item : m_model->items())
            texts << item.text;
        return texts;
    });
}

void ChecklistPane::setItems(qint64 cardId, const QList<storage::ChecklistItem> &items)
{
    // Its items' drags name the board (as it is now), so another board's window refuses them.
    m_model->setBoardUuid(m_actions ? m_actions->model().boardUuid() : QUuid());
    m_model->setItems(cardId, items);
}

void ChecklistPane::setEditable(bool editable)
{
    m_templates->setEnabled(editable);
    m_add->setEnabled(editable);
}

bool ChecklistPane::isEditingItem() const
{
    const QWidget *focus = QApplication::focusWidget();
    return focus && focus != m_view && m_view->isAncestorOf(focus);
}

bool ChecklistPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress && itemKey(static_cast<QKeyEvent *>(event)))
        return true;
    if (watched == m_view && event->type() == QEvent::Resize)
        fitToItems(); // narrower, a long item takes more lines
    return QWidget::eventFilter(watched, event);
}

bool ChecklistPane::itemKey(QKeyEvent *event)
{
    const QModelIndex current = m_view->currentIndex();
    if (!m_actions || !current.isValid())
        return false;
    const qint64 id = current.data(ChecklistModel::IdRole).toLongLong();
    const int row = current.row();
    if (event->key() == Qt::Key_Delete && event->modifiers() == Qt::NoModifier) {
        m_actions->deleteChecklistItem(m_cardId, id);
        m_view->setCurrentIndex(m_model->index(std::min(row, m_model->rowCount() - 1)));
        return true;
    }
    if (event->modifiers() == Qt::ControlModifier && (event->key() == Qt::Key_Up || event->key() == Qt::Key_Down)) {
        // Up: before the item above; down: before the one two below (or to the end).
        const int before = event->key() == Qt::Key_Up ? row - 1 : row + 2;
        if (before < 0 || (event->key() == Qt::Key_Down && row + 1 >= m_model->rowCount()))
            return true;
        const QModelIndex anchor = m_model->index(before);
        m_actions->moveChecklistItem(m_cardId, id,
                                     anchor.isValid() ? anchor.data(ChecklistModel::IdRole).toLongLong() : 0);
        m_view->setCurrentIndex(m_model->index(m_model->row(id)));
        return true;
    }
    return false;
}

void ChecklistPane::addItem()
{
    // Cleared when taken, for the next item; Enter on an empty field does nothing.
    if (m_add->text().trimmed().isEmpty())
        return;
    if (m_actions && m_cardId && m_actions->addChecklistItem(m_cardId, m_add->text()))
        m_add->clear();
}

void ChecklistPane::fitToItems()
{
    // Where the last item ends as the view lays its items out now, at its width (wrapped items take more lines).
    int height = 2 * m_view->frameWidth() + 2 * m_view->spacing();
    if (const int rows = m_model->rowCount(); rows > 0) {
        m_view->doItemsLayout();
        const QRect last = m_view->visualRect(m_model->index(rows - 1));
        height += last.bottom() + 1 + m_view->verticalScrollBar()->value();
    }
    m_view->setFixedHeight(height);
    m_progress->setText(m_model->rowCount() ? tr("%1/%2 done").arg(m_model->doneCount()).arg(m_model->rowCount())
                                            : QString());
}

} // namespace hb::board
