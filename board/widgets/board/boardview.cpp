// SPDX-License-Identifier: GPL-3.0-or-later
#include "boardview.h"

#include "carddelegate.h"
#include "cardslides.h"

#include <board/actions/boardactions.h>
#include <board/model/boardmodel.h>
#include <board/model/cardfiltermodel.h>
#include <board/model/idpayload.h>
#include <board/rules/attachmentfiles.h>
#include <board/widgets/common/characterlimit.h>
#include <board/widgets/common/theme.h>
#include <storage/boardstore.h>

#include <QAction>
#include <QApplication>
#include <QDrag>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QMimeData>
#include <QMouseEvent>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPointer>
#include <QResizeEvent>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

namespace hb::board {

namespace {

constexpr int s_columnSpacing = 10;
constexpr int s_headerMargin = 8;

// Cards wrap their titles to the column's width, so their heights change with it; QListView in list mode
// only lays items out again when its height changes (a scroll bar appearing changes the width).
class CardListView final : public QListView
{
public:
    using QListView::QListView;

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QListView::resizeEvent(event);
        if (event->size().width() != event->oldSize().width())
            scheduleDelayedItemsLayout();
    }
};

} // namespace

BoardView::BoardView(BoardModel *model, QWidget *parent)
    : QScrollArea(parent)
    , m_model(model)
    , m_cards(new CardFilterModel(*model, this))
    , m_delegate(new CardDelegate(this))
    , m_strip(new QWidget(this))
    , m_layout(new QHBoxLayout(m_strip))
{
    setObjectName(QStringLiteral("boardView"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_layout->setContentsMargins(s_columnSpacing, s_columnSpacing, s_columnSpacing, s_columnSpacing);
    m_layout->setSpacing(s_columnSpacing);
    setWidget(m_strip);
    m_strip->setObjectName(QStringLiteral("boardStrip"));
    m_strip->setAcceptDrops(true); // a column header dropped in the gap between two columns
    m_strip->installEventFilter(this);
    // Where a dragged column header would land: a bar in the gap between two columns.
    m_columnDropMarker = new QWidget(m_strip);
    m_columnDropMarker->setObjectName(QStringLiteral("columnDropMarker"));
    m_columnDropMarker->setBackgroundRole(QPalette::Highlight);
    m_columnDropMarker->setAutoFillBackground(true);
    m_columnDropMarker->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_columnDropMarker->hide();

    // The views show the filtered board; columns are all there in it, so its top rows are the board's columns.
    connect(m_cards, &QAbstractItemModel::modelReset, this, &BoardView::rebuild);
    // A filter change moves thousands of rows in as many signals: the headers are counted once, after them.
    m_headersTimer = new QTimer(this);
    m_headersTimer->setSingleShot(true);
    m_headersTimer->setInterval(0);
    connect(m_headersTimer, &QTimer::timeout, this, &BoardView::refreshHeaders);
    connect(m_cards, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &under) { under.isValid() ? m_headersTimer->start() : rebuild(); });
    connect(m_cards, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &under) { under.isValid() ? m_headersTimer->start() : rebuild(); });
    connect(m_cards, &QAbstractItemModel::layoutChanged, m_headersTimer, qOverload<>(&QTimer::start));
    connect(m_cards, &CardFilterModel::filterChanged, this, &BoardView::refreshHeaders);
    connect(m_model, &QAbstractItemModel::rowsMoved, this,
            [this](const QModelIndex &from, int, int, const QModelIndex &to) {
                // Selection and current card follow a moved card; in the column it left they must not. Queued:
                // the selection model restores its ranges after this signal.
                if (from != to) {
                    if (QListView *view = columnView(from.row()))
                        QMetaObject::invokeMethod(view->selectionModel(), &QItemSelectionModel::clear,
                                                  Qt::QueuedConnection);
                }
                refreshHeaders();
            });
    connect(m_model, &QAbstractItemModel::dataChanged, m_headersTimer, qOverload<>(&QTimer::start));
    rebuild();
    m_slides = new CardSlides(*this, *m_model);
}

BoardView::~BoardView() = default;

QListView *BoardView::columnView(int column) const
{
    return m_columns.value(column).view;
}

QLabel *BoardView::columnTitle(int column) const
{
    return m_columns.value(column).title;
}

QLabel *BoardView::columnCount(int column) const
{
    return m_columns.value(column).count;
}

void BoardView::rebuild()
{
    // Later, not now: a column's own menu action may be what reloaded the board.
    for (const Column &column : std::as_const(m_columns)) {
        column.panel->hide();
        column.panel->deleteLater();
    }
    m_columns.clear();
    while (QLayoutItem *item = m_layout->takeAt(0))
        delete item;

    for (int row = 0; row < m_model->rowCount(); ++row) {
        Column column;
        column.panel = new QWidget(m_strip);
        column.panel->setObjectName(QStringLiteral("column%1").arg(row));
        column.panel->setFixedWidth(m_columnWidth);
        column.panel->setBackgroundRole(QPalette::AlternateBase);
        column.panel->setAutoFillBackground(true);
        column.panel->setAcceptDrops(true); // a column header dropped here
        column.panel->installEventFilter(this);
        auto *layout = new QVBoxLayout(column.panel);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);

        column.header = new QWidget(column.panel);
        column.header->setObjectName(QStringLiteral("columnHeader"));
        column.header->setContextMenuPolicy(Qt::ActionsContextMenu);
        column.header->installEventFilter(this);
        auto *header = new QHBoxLayout(column.header);
        header->setContentsMargins(s_headerMargin + 4, s_headerMargin, s_headerMargin + 4, 2);
        column.title = new QLabel(column.panel);
        column.title->setObjectName(QStringLiteral("columnTitle"));
        column.title->setTextFormat(Qt::PlainText); // a column named "<b>" stays "<b>"
        QFont bold = column.title->font();
        bold.setWeight(QFont::Bold);
        column.title->setFont(bold);
        column.count = new QLabel(column.panel);
        column.count->setObjectName(QStringLiteral("columnCount"));
        column.count->setTextFormat(Qt::PlainText);
        header->addWidget(column.title, 1);
        header->addWidget(column.count);
        layout->addWidget(column.header);

        column.view = new CardListView(column.panel);
        column.view->setObjectName(QStringLiteral("columnView"));
        // Set up before the cards are given: some of these lay every card out at once (the scroll mode does),
        // and a board opening lays them out once, at the column's width, when the window first shows them.
        column.view->setItemDelegate(m_delegate);
        column.view->setFrameShape(QFrame::NoFrame);
        column.view->viewport()->setBackgroundRole(QPalette::AlternateBase);
        column.view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
        column.view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        column.view->setResizeMode(QListView::Adjust);
        column.view->setSelectionMode(QAbstractItemView::ExtendedSelection);
        column.view->setUniformItemSizes(false);
        column.view->setModel(m_cards);
        column.view->setRootIndex(m_cards->index(row, 0));
        // F2 renames in place; a double-click opens the card.
        column.view->setEditTriggers(QAbstractItemView::EditKeyPressed);
        column.view->setDefaultDropAction(Qt::MoveAction);
        column.view->setDropIndicatorShown(true);
        column.view->setDragDropOverwriteMode(false);
        column.view->installEventFilter(this);
        column.view->viewport()->installEventFilter(this); // files dropped onto a card
        layout->addWidget(column.view, 1);
        column.view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(column.view, &QWidget::customContextMenuRequested, this,
                [this, row](const QPoint &at) { showCardMenu(row, at); });
        connect(column.view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
            Q_EMIT cardActivated(index.data(BoardModel::IdRole).toLongLong());
        });

        column.quickAdd = new QLineEdit(column.panel);
        column.quickAdd->setObjectName(QStringLiteral("quickAdd"));
        column.quickAdd->setPlaceholderText(tr("+ Add card"));
        column.quickAdd->setToolTip(tr("Type a title and press Enter (N from the column)"));
        column.quickAdd->setClearButtonEnabled(true);
        CharacterLimit::apply(column.quickAdd, storage::BoardStore::s_maxTitleLength);
        column.quickAdd->installEventFilter(this);
        auto *footer = new QHBoxLayout;
        footer->setContentsMargins(s_headerMargin - 3, 2, s_headerMargin - 3, s_headerMargin - 2);
        footer->addWidget(column.quickAdd);
        layout->addLayout(footer);
        connect(column.quickAdd, &QLineEdit::returnPressed, this, [this, row] { addFromQuickAdd(row); });

        m_layout->addWidget(column.panel);
        m_columns << column;
        addColumnActions(row);
    }
    m_layout->addStretch(1);
    applyPermissions();
    refreshHeaders();
    fitColumnWidths(); // a column more or less: each gets another share
}

void BoardView::fitColumnWidths()
{
    const int count = std::max<int>(1, int(m_columns.size()));
    const int available = viewport()->width() - 2 * s_columnSpacing - (count - 1) * s_columnSpacing;
    int width = std::clamp(available / count, s_columnWidth, s_columnMaxWidth);
    if (width < s_columnMaxWidth)
        width = s_columnWidth + (width - s_columnWidth) / s_columnWidthStep * s_columnWidthStep;
    if (width == m_columnWidth && (m_columns.isEmpty() || m_columns.constFirst().panel->width() == width))
        return;
    m_columnWidth = width;
    for (const Column &column : std::as_const(m_columns))
        column.panel->setFixedWidth(width);
}

void BoardView::resizeEvent(QResizeEvent *event)
{
    QScrollArea::resizeEvent(event);
    fitColumnWidths();
}

void BoardView::setActions(BoardActions *actions)
{
    m_actions = actions;
    applyPermissions();
}

void BoardView::applyPermissions()
{
    // What this user may do shows on the columns as they are; the board itself is not rebuilt.
    const bool editable = m_actions != nullptr;
    const bool admin = editable && m_actions->canManageColumns();
    for (int column = 0; column < m_columns.size(); ++column) {
        const Column &c = m_columns.at(column);
        c.view->setDragDropMode(editable ? QAbstractItemView::DragDrop : QAbstractItemView::NoDragDrop);
        c.quickAdd->setEnabled(editable);
        for (QAction *action : c.header->actions()) {
            const QString name = action->objectName();
            if (name == u"newTicketHere")
                action->setEnabled(editable);
            else
                action->setEnabled(admin && (name != u"moveColumnLeft" || column > 0)
                                   && (name != u"moveColumnRight" || column + 1 < m_columns.size()));
        }
    }
}

QList<QAction *> BoardView::columnActions(int column) const
{
    const QWidget *header = m_columns.value(column).header;
    return header ? header->actions() : QList<QAction *>();
}

void BoardView::addColumnActions(int column)
{
    QWidget *header = m_columns.at(column).header;
    const qint64 id = m_model->index(column, 0).data(BoardModel::IdRole).toLongLong();
    auto add = [&](const char *name, const QString &text, auto slot) {
        auto *action = new QAction(text, header);
        action->setObjectName(QString::fromLatin1(name));
        connect(action, &QAction::triggered, this, slot);
        header->addAction(action);
        return action;
    };
    add("newTicketHere", tr("New Ticket Here"), [this, column] { newTicket(column); });
    auto *ticketSeparator = new QAction(header);
    ticketSeparator->setSeparator(true);
    header->addAction(ticketSeparator);
    add("renameColumn", tr("Rename Column…"), [this, column] { renameColumn(column); });
    add("setWipLimit", tr("Set WIP Limit…"), [this, column, id] {
        bool ok = false;
        const int current = m_model->index(column, 0).data(BoardModel::WipLimitRole).toInt();
        const int limit = QInputDialog::getInt(this, tr("WIP limit"), tr("Most cards in this column (0: no limit):"),
                                               current, 0, 999, 1, &ok);
        if (ok && m_actions)
            m_actions->setWipLimit(id, limit);
    });
    add("moveColumnLeft", tr("Move Left"), [this, id] { m_actions->moveColumn(id, -1); });
    add("moveColumnRight", tr("Move Right"), [this, id] { m_actions->moveColumn(id, 1); });
    add("addColumn", tr("Add Column After This…"), [this, id] {
        bool ok = false;
        const QString after = m_model->columnIndex(id).data().toString();
        const QString name =
                QInputDialog::getText(this, tr("Add column"), tr("Name of the new column, after “%1”:").arg(after),
                                      QLineEdit::Normal, {}, &ok);
        if (ok && !name.trimmed().isEmpty() && m_actions)
            m_actions->addColumn(name, {}, id); // next to the header that was right-clicked
    });
    auto *separator = new QAction(header);
    separator->setSeparator(true);
    header->addAction(separator);
    add("deleteColumn", tr("Delete Column"), [this, id] { m_actions->deleteColumn(id); });
}

void BoardView::renameColumn(int column)
{
    if (!m_actions || !m_actions->canManageColumns())
        return;
    const QModelIndex index = m_model->index(column, 0);
    bool ok = false;
    // The question names the column, which also keeps the dialog wide enough for its whole title.
    const QString name = QInputDialog::getText(this, tr("Rename column"),
                                               tr("New name for the column “%1”:").arg(index.data().toString()),
                                               QLineEdit::Normal, index.data().toString(), &ok);
    if (ok && !name.trimmed().isEmpty() && name != index.data().toString())
        m_actions->renameColumn(index.data(BoardModel::IdRole).toLongLong(), name);
}

QLineEdit *BoardView::quickAdd(int column) const
{
    return m_columns.value(column).quickAdd;
}

void BoardView::addFromQuickAdd(int column)
{
    QLineEdit *edit = quickAdd(column);
    const QString title = edit->text().trimmed();
    if (!m_actions || title.isEmpty())
        return;
    // Cleared at once, for the next card; the card shows when it is saved. If it cannot be, the title comes back
    // (unless something new was typed meanwhile), so nothing typed is lost.
    const qint64 columnId = m_model->index(column, 0).data(BoardModel::IdRole).toLongLong();
    const bool taken = m_actions->createCard(columnId, title, [view = QPointer(this), columnId, title](qint64 id) {
        if (!view)
            return;
        const int at = view->m_model->columnIndex(columnId).row();
        if (id) {
            view->m_cards->keepShown(id); // added here: not hidden at once by a filter that does not take it
            if (QListView *list = view->columnView(at))
                list->scrollTo(view->m_cards->cardIndex(id));
        } else if (QLineEdit *again = view->quickAdd(at); again && again->text().isEmpty()) {
            again->setText(title);
        }
    });
    if (taken)
        edit->clear();
}

bool BoardView::newTicket(int column)
{
    if (!m_actions || m_columns.isEmpty())
        return false;
    if (column < 0) {
        column = 0;
        for (int each = 0; each < m_columns.size(); ++each) {
            if (m_columns.at(each).panel->isAncestorOf(QApplication::focusWidget()))
                column = each;
        }
    }
    const qint64 columnId = m_model->index(column, 0).data(BoardModel::IdRole).toLongLong();
    return m_actions->createCard(columnId, tr("New ticket"), [view = QPointer(this)](qint64 id) {
        if (!view || !id)
            return;
        view->m_cards->keepShown(id);
        view->focusCardById(id);
        Q_EMIT view->ticketCreated(id);
    });
}

QList<qint64> BoardView::selectedIds(int column) const
{
    QListView *view = columnView(column);
    QModelIndexList selected = view->selectionModel()->selectedIndexes();
    selected.removeIf([view](const QModelIndex &index) { return index.parent() != view->rootIndex(); });
    if (selected.isEmpty() && view->currentIndex().parent() == view->rootIndex() && view->currentIndex().isValid())
        selected = {view->currentIndex()};
    std::sort(selected.begin(), selected.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> ids;
    for (const QModelIndex &index : std::as_const(selected))
        ids << index.data(BoardModel::IdRole).toLongLong();
    return ids;
}

int BoardView::columnOf(const QObject *view) const
{
    for (int i = 0; i < m_columns.size(); ++i) {
        if (m_columns.at(i).view == view)
            return i;
    }
    return -1;
}

void BoardView::focusCard(int column, int row)
{
    QListView *view = columnView(column);
    if (!view)
        return;
    const int rows = m_cards->rowCount(view->rootIndex());
    view->setFocus(Qt::ShortcutFocusReason);
    if (rows == 0)
        return;
    const QModelIndex index = m_cards->index(std::clamp(row, 0, rows - 1), 0, view->rootIndex());
    // Not view->setCurrentIndex(): with Ctrl still held (Ctrl+arrows) that would toggle the selection.
    view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    view->scrollTo(index);
}

void BoardView::focusCardById(qint64 id)
{
    const QModelIndex index = m_cards->cardIndex(id);
    if (index.isValid())
        focusCard(index.parent().row(), index.row());
}

QModelIndex BoardView::cardIndex(qint64 id) const
{
    return m_cards->cardIndex(id);
}

int BoardView::shownCardCount() const
{
    int shown = 0;
    for (const Column &column : m_columns)
        shown += column.view->model()->rowCount(column.view->rootIndex());
    return shown;
}

// Ctrl+Left/Right: the selected cards go to the column beside, at the same height; Ctrl+Up/Down: one place.
bool BoardView::moveSelection(int column, int columnDelta, int rowDelta)
{
    QListView *view = columnView(column);
    const QModelIndex current = view->currentIndex();
    if (!m_actions || !current.isValid() || current.parent() != view->rootIndex())
        return false;
    QList<qint64> ids;
    QModelIndexList selected = view->selectionModel()->selectedIndexes();
    selected.removeIf([view](const QModelIndex &index) { return index.parent() != view->rootIndex(); });
    if (!selected.contains(current))
        selected = {current};
    std::sort(selected.begin(), selected.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &index : std::as_const(selected))
        ids << index.data(BoardModel::IdRole).toLongLong();
    const qint64 focusId = current.data(BoardModel::IdRole).toLongLong();

    const int targetColumn = column + columnDelta;
    if (targetColumn < 0 || targetColumn >= m_columns.size())
        return false;
    // Rows as shown: with a filter on, a card goes next to the cards people see.
    const QModelIndex target = m_cards->index(targetColumn, 0);
    qint64 beforeId = 0;
    if (columnDelta != 0) {
        const QModelIndex at = m_cards->index(current.row(), 0, target);
        beforeId = at.isValid() ? at.data(BoardModel::IdRole).toLongLong() : 0;
    } else {
        // Up: before the card above the first selected one; Down: before the card two below the last one.
        const int first = selected.constFirst().row();
        const int last = selected.constLast().row();
        const int anchorRow = rowDelta < 0 ? first - 1 : last + 2;
        if (rowDelta < 0 && first == 0)
            return false;
        if (rowDelta > 0 && last + 1 >= m_cards->rowCount(target))
            return false;
        const QModelIndex anchor = m_cards->index(anchorRow, 0, target);
        beforeId = anchor.isValid() ? anchor.data(BoardModel::IdRole).toLongLong() : 0;
    }
    if (!m_actions->moveCards(ids, target.data(BoardModel::IdRole).toLongLong(), beforeId))
        return false;
    if (targetColumn != column)
        view->selectionModel()->clear();
    focusCardById(focusId);
    // The group stays selected, so the next Ctrl+arrow moves it again.
    if (QListView *moved = columnView(targetColumn)) {
        for (qint64 id : std::as_const(ids))
            moved->selectionModel()->select(m_cards->cardIndex(id), QItemSelectionModel::Select);
    }
    return true;
}

QString BoardView::columnMimeType()
{
    return QStringLiteral("application/x-helpboard-column-id");
}

int BoardView::columnWithHeader(const QObject *object) const
{
    for (int i = 0; i < m_columns.size(); ++i) {
        if (m_columns.at(i).header == object)
            return i;
    }
    return -1;
}

int BoardView::columnWithViewport(const QObject *object) const
{
    for (int i = 0; i < m_columns.size(); ++i) {
        if (m_columns.at(i).view->viewport() == object)
            return i;
    }
    return -1;
}

bool BoardView::handleFileDrop(int column, QEvent *event)
{
    QListView *view = m_columns.at(column).view;
    if (event->type() == QEvent::DragLeave) {
        m_delegate->setDropTarget({});
        view->viewport()->update();
        return false;
    }
    auto *drag = static_cast<QDropEvent *>(event);
    if (attachmentfiles::localFiles(drag->mimeData()).isEmpty())
        return false; // a card being moved, or text: the view's own drop
    // Files go onto the card under the pointer, wherever on it they are dropped; the card shows it is the target.
    const QModelIndex card = view->indexAt(drag->position().toPoint());
    const bool takes = card.isValid() && m_cards->canDropMimeData(drag->mimeData(), Qt::CopyAction, -1, -1, card);
    if (m_delegate->dropTarget() != QModelIndex(takes ? card : QModelIndex())) {
        m_delegate->setDropTarget(takes ? card : QModelIndex());
        view->viewport()->update();
    }
    if (!takes) {
        drag->ignore();
        return true;
    }
    drag->setDropAction(Qt::CopyAction);
    drag->accept();
    if (event->type() == QEvent::Drop) {
        m_delegate->setDropTarget({});
        view->viewport()->update();
        m_cards->dropMimeData(drag->mimeData(), Qt::CopyAction, -1, -1, card); // -1, -1: onto the card
    }
    return true;
}

int BoardView::columnWithPanel(const QObject *object) const
{
    for (int i = 0; i < m_columns.size(); ++i) {
        if (m_columns.at(i).panel == object)
            return i;
    }
    return -1;
}

// Pressing on a header and moving past the drag distance picks the column up (admins only).
bool BoardView::handleColumnDrag(int column, QEvent *event)
{
    auto *mouse = static_cast<QMouseEvent *>(event);
    if (event->type() == QEvent::MouseButtonPress && mouse->button() == Qt::LeftButton) {
        m_headerPress = mouse->position().toPoint();
        m_headerPressColumn = column;
        return false;
    }
    if (event->type() != QEvent::MouseMove || !(mouse->buttons() & Qt::LeftButton) || m_headerPressColumn != column
        || !m_actions || !m_actions->canManageColumns()
        || (mouse->position().toPoint() - m_headerPress).manhattanLength() < QApplication::startDragDistance()) {
        return false;
    }
    m_headerPressColumn = -1;
    const storage::Column *dragged = m_model->columnAt(m_model->index(column, 0));
    if (!dragged)
        return false;
    // The board's UUID and the column's creation time, so another board's window refuses it.
    QMimeData *mime = payloadToMimeData(columnMimeType(), {m_model->boardUuid(), {{dragged->id, dragged->createdAt}}});
    // Parented to the view, not the header: the drop reloads the board and replaces every header.
    auto *drag = new QDrag(this);
    drag->setMimeData(mime);
    drag->setPixmap(m_columns.at(column).header->grab());
    drag->exec(Qt::MoveAction);
    m_columnDropMarker->hide(); // dropped, or given up with Esc or outside the board
    return true;
}

void BoardView::showColumnDropMarker(int slot)
{
    if (slot < 0 || m_columns.isEmpty()) {
        m_columnDropMarker->hide();
        return;
    }
    // In the middle of the gap before column @p slot, or after the last one.
    const QRect next = m_columns.value(std::min<int>(slot, int(m_columns.size()) - 1)).panel->geometry();
    const int gap = m_layout->spacing();
    const int width = std::max(3, gap / 2);
    const int middle = slot < m_columns.size() ? next.left() - (gap + 1) / 2 : next.right() + 1 + gap / 2;
    m_columnDropMarker->setGeometry(middle - width / 2, next.top(), width, next.height());
    m_columnDropMarker->show();
    m_columnDropMarker->raise();
}

// A header dropped on a column goes before it (left half) or after it (right half); in the gap between two columns,
// between them. @p target is a column's panel or the strip that holds them.
bool BoardView::handleColumnDrop(QWidget *target, QEvent *event)
{
    auto *drop = static_cast<QDropEvent *>(event);
    if (!drop->mimeData()->hasFormat(columnMimeType()) || !m_actions)
        return false;
    // Only a column of this board: checked by the board's UUID and the column's creation time.
    const auto payload = payloadFromMimeData(drop->mimeData(), columnMimeType());
    const PayloadItem dragged = payload && payload->items.size() == 1 ? payload->items.first() : PayloadItem{};
    const storage::Column *ours = m_model->columnAt(m_model->columnIndex(dragged.id));
    if (!payload || payload->board != m_model->boardUuid() || !ours || ours->createdAt != dragged.createdAt) {
        drop->ignore();
        return true;
    }
    const int x = target->mapTo(m_strip, drop->position().toPoint()).x();
    int slot = 0;
    while (slot < m_columns.size() && m_columns.at(slot).panel->geometry().center().x() < x)
        ++slot;
    if (event->type() != QEvent::Drop) {
        // Next to where it is now, it would not move: no marker then.
        const int from = m_model->columnIndex(dragged.id).row();
        showColumnDropMarker(slot == from || slot == from + 1 ? -1 : slot);
        drop->acceptProposedAction();
        return true;
    }
    m_columnDropMarker->hide();
    const qint64 id = dragged.id;
    const QModelIndex before = m_model->index(slot, 0);
    drop->acceptProposedAction();
    m_actions->moveColumnBefore(id, before.isValid() ? before.data(BoardModel::IdRole).toLongLong() : 0);
    return true;
}

void BoardView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_headersTimer->start();
    QScrollArea::changeEvent(event);
}

bool BoardView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseMove) {
        if (const int column = columnWithHeader(watched); column >= 0 && handleColumnDrag(column, event))
            return true;
    }
    if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove || event->type() == QEvent::Drop) {
        if ((watched == m_strip || columnWithPanel(watched) >= 0)
            && handleColumnDrop(static_cast<QWidget *>(watched), event))
            return true;
    }
    if (event->type() == QEvent::DragLeave && (watched == m_strip || columnWithPanel(watched) >= 0))
        m_columnDropMarker->hide(); // where the pointer goes next shows it again where it belongs
    // A drag leave carries no data: only the file drop target needs to hear of it.
    if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove || event->type() == QEvent::Drop
        || event->type() == QEvent::DragLeave) {
        if (const int column = columnWithViewport(watched); column >= 0 && handleFileDrop(column, event))
            return true;
    }
    if (event->type() == QEvent::MouseButtonDblClick) {
        for (int i = 0; i < m_columns.size(); ++i) {
            if (m_columns.at(i).header == watched) {
                renameColumn(i);
                return true;
            }
        }
    }
    if (event->type() != QEvent::KeyPress)
        return QScrollArea::eventFilter(watched, event);
    // Esc in a quick-add field gives up the text and goes back to the cards.
    for (int i = 0; i < m_columns.size(); ++i) {
        if (m_columns.at(i).quickAdd == watched && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            m_columns.at(i).quickAdd->clear();
            focusCard(i, columnView(i)->currentIndex().row());
            return true;
        }
    }
    const int column = columnOf(watched);
    if (column < 0)
        return QScrollArea::eventFilter(watched, event);
    // Keys an in-place editor leaves (Return after F2) are not meant for the column.
    const QWidget *focus = QApplication::focusWidget();
    if (focus && focus != watched && columnView(column)->isAncestorOf(focus))
        return QScrollArea::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    const bool control = key->modifiers() == Qt::ControlModifier;
    const bool plain = key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier;
    const int row = columnView(column)->currentIndex().row();
    switch (key->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right: {
        const int delta = key->key() == Qt::Key_Left ? -1 : 1;
        if (control) {
            moveSelection(column, delta, 0);
            return true;
        }
        if (plain && column + delta >= 0 && column + delta < m_columns.size()) {
            focusCard(column + delta, std::max(row, 0));
            return true;
        }
        break;
    }
    case Qt::Key_Up:
    case Qt::Key_Down:
        if (control) {
            moveSelection(column, 0, key->key() == Qt::Key_Up ? -1 : 1);
            return true;
        }
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (const QModelIndex current = columnView(column)->currentIndex(); current.isValid()) {
            Q_EMIT cardActivated(current.data(BoardModel::IdRole).toLongLong());
            return true;
        }
        break;
    case Qt::Key_Delete:
        if (plain && m_actions) {
            const int at = row;
            if (m_actions->archiveCards(selectedIds(column)))
                focusCard(column, at);
            return true;
        }
        break;
    case Qt::Key_N:
        if (plain && m_actions) {
            quickAdd(column)->setFocus(Qt::ShortcutFocusReason);
            return true;
        }
        break;
    default:
        break;
    }
    return QScrollArea::eventFilter(watched, event);
}

void BoardView::refreshHeaders()
{
    for (int row = 0; row < m_columns.size(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const Column &column = m_columns.at(row);
        const int count = m_model->rowCount(index);
        const int shown = m_cards->shownCount(row);
        const int limit = index.data(BoardModel::WipLimitRole).toInt();
        const bool overLimit = limit > 0 && count > limit;
        column.title->setText(index.data().toString());
        // Filtered: what matches of what the column holds; the WIP limit is about all of them.
        const QString counted = limit > 0 ? QStringLiteral("%1/%2").arg(count).arg(limit) : QString::number(count);
        column.count->setText(m_cards->isFiltering() ? tr("%1 of %2").arg(shown).arg(count) : counted);
        QString tip =
                limit > 0 ? tr("%1 cards; work-in-progress limit %2").arg(count).arg(limit) : tr("%1 cards").arg(count);
        if (m_cards->isFiltering())
            tip = tr("%1 match the filter; %2").arg(shown).arg(tip);
        column.count->setToolTip(tip);
        column.count->setProperty("overLimit", overLimit);
        QPalette palette = column.count->palette();
        palette.setColor(QPalette::WindowText, overLimit ? theme::onBase(theme::Mark::Danger, palette)
                                                         : column.panel->palette().color(QPalette::PlaceholderText));
        column.count->setPalette(palette);
        QFont font = column.count->font();
        font.setWeight(overLimit ? QFont::Bold : QFont::Normal);
        column.count->setFont(font);
    }
}

} // namespace hb::board
