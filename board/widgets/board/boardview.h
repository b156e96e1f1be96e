// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QScrollArea>

class QAction;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QMenu;
class QListView;
class QTimer;

namespace hb::board {

class BoardActions;
class BoardModel;
class CardDelegate;
class CardFilterModel;
class CardSlides;

/**
 * The board: one column beside the other, scrolling sideways when they do not fit. Each column is a header
 * (name, card count, WIP limit) over a QListView rooted at that column in the one BoardModel, painted by one
 * CardDelegate: no widget per card.
 */
class BoardView final : public QScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardView)

public:
    explicit BoardView(BoardModel *model, QWidget *parent = nullptr);
    ~BoardView() override;

    /// A column's width: the narrowest, on a window too small for every column at it (the board scrolls then)...
    static constexpr int s_columnWidth = 300;
    /// ... the widest, past which lines get too long to read (a wide window keeps the rest empty) ...
    static constexpr int s_columnMaxWidth = 480;
    /// ... and, between the two, a multiple of this above the narrowest: dragging the window's edge lays the cards
    /// out again (their titles wrap to the width) a few times, not at every pixel.
    static constexpr int s_columnWidthStep = 30;
    /// The width each column has now: they share the board's width between s_columnWidth and s_columnMaxWidth.
    int columnWidth() const { return m_columnWidth; }
    /// Drag payload of a column header: its id, in a QDataStream.
    static QString columnMimeType();

    int columnCount() const { return int(m_columns.size()); }
    QListView *columnView(int column) const;
    QLabel *columnTitle(int column) const;
    /// "12" or "7/4"; its `overLimit` property is true when a WIP limit is exceeded.
    QLabel *columnCount(int column) const;
    CardDelegate *delegate() const { return m_delegate; }
    /// Slides the cards someone else moved to their new place.
    CardSlides *slides() const { return m_slides; }
    /// The "+ Add card" field under a column.
    QLineEdit *quickAdd(int column) const;
    /// The column's menu (right-click on its header): rename, WIP limit, move, add, delete.
    QList<QAction *> columnActions(int column) const;

    /// The cards as the views show them: the board through the filter.
    CardFilterModel *filterModel() const { return m_cards; }
    /// Card @p id as its column's view has it (invalid when the filter hides it).
    QModelIndex cardIndex(qint64 id) const;
    /// Gives card @p id the keyboard focus, selected and scrolled into view.
    void focusCardById(qint64 id);
    /// The cards the columns show now (those the filter lets through).
    int shownCardCount() const;

    /// Enables moving cards (drag and drop, Ctrl+arrows) through @p actions; without it the board is read-only.
    void setActions(BoardActions *actions);

    /// Adds a ticket called "New ticket" to column @p column (-1: the column that has the focus, else the
    /// first), and says ticketCreated() when it is saved; false when this user cannot add cards.
    bool newTicket(int column = -1);

Q_SIGNALS:
    /// Enter or a double-click on a card.
    void cardActivated(qint64 id);
    /// newTicket()'s card is saved and shows (selected), for its details to be filled in.
    void ticketCreated(qint64 id);

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    /// The headers' colours follow the palette (a desktop switched to its dark theme while the board is open).
    void changeEvent(QEvent *event) override;

private:
    struct Column
    {
        QWidget *panel = nullptr;
        QLabel *title = nullptr;
        QLabel *count = nullptr;
        QListView *view = nullptr;
        QLineEdit *quickAdd = nullptr;
        QWidget *header = nullptr;
    };

    void rebuild();
    void refreshHeaders();
    int columnOf(const QObject *view) const;
    /// Focuses @p column's list on the card at @p row (clamped), selecting it.
    void focusCard(int column, int row);
    bool moveSelection(int column, int columnDelta, int rowDelta);
    QList<qint64> selectedIds(int column) const;
    void addFromQuickAdd(int column);
    void addColumnActions(int column);
    /// Enables dragging, quick add and the column menus as far as this user may change the board.
    void applyPermissions();
    int columnWithHeader(const QObject *object) const;
    int columnWithPanel(const QObject *object) const;
    int columnWithViewport(const QObject *object) const;
    /// Files from a file manager dragged over @p column's cards: onto the card under the pointer.
    bool handleFileDrop(int column, QEvent *event);
    bool handleColumnDrag(int column, QEvent *event);
    bool handleColumnDrop(QWidget *target, QEvent *event);
    /// Shows where a dragged column would land: before column @p slot (after the last one for the column count);
    /// hides it for -1.
    void showColumnDropMarker(int slot);
    /// Shares the visible width between the columns (see s_columnWidthStep).
    void fitColumnWidths();
    void renameColumn(int column);
    /// The card menu (right-click) at @p at in @p column's viewport: for the selected cards, or the one clicked.
    void showCardMenu(int column, const QPoint &at);
    /// The card menu's Escalate submenu, for cards @p ids.
    void addEscalationMenu(QMenu *menu, const QList<qint64> &ids, bool editable);

    BoardModel *m_model;
    CardFilterModel *m_cards;
    QTimer *m_headersTimer = nullptr;
    BoardActions *m_actions = nullptr;
    QPoint m_headerPress;
    int m_headerPressColumn = -1;
    CardDelegate *m_delegate;
    QWidget *m_strip;
    QHBoxLayout *m_layout;
    QList<Column> m_columns;
    CardSlides *m_slides = nullptr;
    QWidget *m_columnDropMarker = nullptr;
    int m_columnWidth = s_columnWidth;
};

} // namespace hb::board
