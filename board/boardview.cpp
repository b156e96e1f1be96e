// SPDX-License-Identifier: GPL-3.0-or-later
#include "boardview.h"

#include "boardmodel.h"
#include "carddelegate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QResizeEvent>
#include <QScrollBar>
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

    connect(m_model, &QAbstractItemModel::modelReset, this, &BoardView::rebuild);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &under) { under.isValid() ? refreshHeaders() : rebuild(); });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &under) { under.isValid() ? refreshHeaders() : rebuild(); });
    connect(m_model, &QAbstractItemModel::rowsMoved, this, &BoardView::refreshHeaders);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &BoardView::refreshHeaders);
    rebuild();
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
    for (const Column &column : std::as_const(m_columns))
        delete column.panel;
    m_columns.clear();
    while (QLayoutItem *item = m_layout->takeAt(0))
        delete item;

    for (int row = 0; row < m_model->rowCount(); ++row) {
        Column column;
        column.panel = new QWidget(m_strip);
        column.panel->setObjectName(QStringLiteral("column%1").arg(row));
        column.panel->setFixedWidth(s_columnWidth);
        column.panel->setBackgroundRole(QPalette::AlternateBase);
        column.panel->setAutoFillBackground(true);
        auto *layout = new QVBoxLayout(column.panel);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);

        auto *header = new QHBoxLayout;
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
        layout->addLayout(header);

        column.view = new CardListView(column.panel);
        column.view->setObjectName(QStringLiteral("columnView"));
        column.view->setModel(m_model);
        column.view->setRootIndex(m_model->index(row, 0));
        column.view->setItemDelegate(m_delegate);
        column.view->setFrameShape(QFrame::NoFrame);
        column.view->viewport()->setBackgroundRole(QPalette::AlternateBase);
        column.view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
        column.view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        column.view->setResizeMode(QListView::Adjust);
        column.view->setSelectionMode(QAbstractItemView::ExtendedSelection);
        column.view->setUniformItemSizes(false);
        layout->addWidget(column.view, 1);

        m_layout->addWidget(column.panel);
        m_columns << column;
    }
    m_layout->addStretch(1);
    refreshHeaders();
}

void BoardView::refreshHeaders()
{
    for (int row = 0; row < m_columns.size(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const Column &column = m_columns.at(row);
        const int count = m_model->rowCount(index);
        const int limit = index.data(BoardModel::WipLimitRole).toInt();
        const bool overLimit = limit > 0 && count > limit;
        column.title->setText(index.data().toString());
        column.count->setText(limit > 0 ? QStringLiteral("%1/%2").arg(count).arg(limit) : QString::number(count));
        column.count->setToolTip(limit > 0 ? tr("%1 cards; work-in-progress limit %2").arg(count).arg(limit)
                                           : tr("%1 cards").arg(count));
        column.count->setProperty("overLimit", overLimit);
        QPalette palette = column.count->palette();
        palette.setColor(QPalette::WindowText, overLimit ? QColor(0xc0, 0x39, 0x2b)
                                                         : column.panel->palette().color(QPalette::PlaceholderText));
        column.count->setPalette(palette);
        QFont font = column.count->font();
        font.setWeight(overLimit ? QFont::Bold : QFont::Normal);
        column.count->setFont(font);
    }
}

} // namespace hb::board
