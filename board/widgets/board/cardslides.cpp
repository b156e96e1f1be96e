// SPDX-License-Identifier: GPL-3.0-or-later
#include "cardslides.h"

#include "boardview.h"
#include "carddelegate.h"

#include <board/model/boardmodel.h>
#include <board/model/cardfiltermodel.h>

#include <QListView>
#include <QPainter>
#include <QTimer>
#include <QVariantAnimation>

#include <algorithm>

namespace hb::board {

CardSlides::CardSlides(BoardView &board, BoardModel &model)
    : QWidget(board.viewport())
    , m_board(board)
    , m_model(model)
    , m_delegate(board.delegate())
{
    setObjectName(QStringLiteral("cardSlides"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::NoFocus);
    hide();
    connect(&m_model, &QAbstractItemModel::rowsAboutToBeMoved, this,
            [this](const QModelIndex &parent, int first, int last) { remember(parent, first, last); });
    // After the move has landed everywhere: the views have laid the card out in its new place, and the board has
    // marked who moved it.
    connect(&m_model, &QAbstractItemModel::rowsMoved, this, [this] {
        if (!m_before.isEmpty())
            QTimer::singleShot(0, this, &CardSlides::start);
    });
    // Someone else's move: the board marks the card right after moving it (BoardPoller::apply()). A move of this
    // window's own is never marked, even when a colleague's mark is still on the card.
    connect(&m_model, &BoardModel::changeMarked, this, [this](qint64 id) {
        if (m_markedNow.isEmpty())
            QTimer::singleShot(0, this, [this] { m_markedNow.clear(); }); // after start(), queued first
        m_markedNow.insert(id);
    });
}

CardSlides::~CardSlides()
{
    // Destroyed with the board's viewport, after the board itself: only the delegate is looked at, if still there.
    for (const Slide &slide : std::as_const(m_slides))
        slide.animation->stop();
    if (m_delegate)
        m_delegate->setHiddenCards({});
}

bool CardSlides::isSliding(qint64 id) const
{
    return std::any_of(m_slides.cbegin(), m_slides.cend(), [id](const Slide &slide) { return slide.id == id; });
}

QRect CardSlides::shownRect(qint64 id) const
{
    const QModelIndex index = m_board.cardIndex(id);
    QListView *view = index.isValid() ? m_board.columnView(index.parent().row()) : nullptr;
    if (!view || !view->isVisible())
        return {};
    const QRect rect = view->visualRect(index);
    if (!rect.isValid() || !view->viewport()->rect().intersects(rect))
        return {};
    return QRect(view->viewport()->mapTo(parentWidget(), rect.topLeft()), rect.size());
}

void CardSlides::remember(const QModelIndex &parent, int first, int last)
{
    if (last - first + 1 > s_mostAtOnce)
        return;
    for (int row = first; row <= last; ++row) {
        const qint64 id = m_model.index(row, 0, parent).data(BoardModel::IdRole).toLongLong();
        if (const QRect rect = shownRect(id); !rect.isEmpty())
            m_before.insert(id, rect);
    }
}

void CardSlides::start()
{
    const QHash<qint64, QRect> before = std::exchange(m_before, {});
    if (before.size() > s_mostAtOnce)
        return;
    setGeometry(parentWidget()->rect());
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const qint64 id = it.key();
        const QModelIndex card = m_model.cardIndex(id);
        // Only what someone else moved (marked just now); not a card already on its way.
        if (!card.isValid() || !m_markedNow.contains(id) || isSliding(id))
            continue;
        const QRect to = shownRect(id);
        if (to.isEmpty() || to.topLeft() == it->topLeft())
            continue;
        Slide slide{id, picture(id, to.size()), it->topLeft(), new QVariantAnimation(this)};
        slide.animation->setDuration(s_durationMs);
        slide.animation->setEasingCurve(QEasingCurve::OutCubic);
        slide.animation->setStartValue(QPointF(it->topLeft()));
        slide.animation->setEndValue(QPointF(to.topLeft()));
        connect(slide.animation, &QVariantAnimation::valueChanged, this, [this, id](const QVariant &value) {
            for (Slide &each : m_slides) {
                if (each.id == id)
                    each.at = value.toPointF().toPoint();
            }
            update();
        });
        connect(slide.animation, &QVariantAnimation::finished, this, [this, id] { finish(id); });
        m_slides << slide;
        Q_EMIT slideStarted(id, *it, to);
        slide.animation->start();
    }
    if (m_slides.isEmpty())
        return;
    hideSliding();
    for (int column = 0; column < m_board.columnCount(); ++column)
        m_board.columnView(column)->viewport()->update();
    show();
    raise();
}

void CardSlides::finish(qint64 id)
{
    for (qsizetype i = 0; i < m_slides.size(); ++i) {
        if (m_slides.at(i).id == id) {
            m_slides.at(i).animation->deleteLater();
            m_slides.removeAt(i);
            break;
        }
    }
    hideSliding();
    // Drawn where it landed (found again: the board may have changed meanwhile).
    const QModelIndex index = m_board.cardIndex(id);
    if (QListView *view = index.isValid() ? m_board.columnView(index.parent().row()) : nullptr)
        view->viewport()->update(view->visualRect(index));
    if (m_slides.isEmpty())
        hide();
    update();
}

void CardSlides::hideSliding()
{
    QSet<qint64> sliding;
    for (const Slide &slide : std::as_const(m_slides))
        sliding << slide.id;
    m_delegate->setHiddenCards(sliding);
}

QPixmap CardSlides::picture(qint64 id, QSize size) const
{
    const QModelIndex index = m_board.cardIndex(id);
    QListView *view = m_board.columnView(index.parent().row());
    const qreal ratio = devicePixelRatioF();
    QPixmap pixmap(size * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = QRect(QPoint(0, 0), size);
    option.font = view->font();
    option.state |= QStyle::State_Enabled;
    option.state &= ~(QStyle::State_HasFocus | QStyle::State_MouseOver);
    QPainter painter(&pixmap);
    // The picture is drawn even though the card is hidden in the views while it slides.
    m_delegate->paintCard(&painter, option, index);
    return pixmap;
}

void CardSlides::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    for (const Slide &slide : std::as_const(m_slides))
        painter.drawPixmap(slide.at, slide.pixmap);
}

} // namespace hb::board
