// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QPixmap>
#include <QPointer>
#include <QRect>
#include <QSet>
#include <QWidget>

class QVariantAnimation;

namespace hb::board {

class BoardModel;
class BoardView;
class CardDelegate;

/**
 * Cards someone else moved slide over the board from where they were to where they are now, for a quarter of a
 * second, so the eye can follow them; the card is not drawn in its new place until it lands. Moves made in this
 * window (dragged, Ctrl+arrows, undone) do not slide: the user sees them happen. A card that was out of sight
 * before or after, or more than a few at once (a colleague's bulk move), just appears where it went.
 *
 * A transparent overlay on the board's viewport that takes no mouse or keyboard input.
 */
class CardSlides final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardSlides)

public:
    static constexpr int s_durationMs = 250;
    static constexpr int s_mostAtOnce = 5;

    CardSlides(BoardView &board, BoardModel &model);
    ~CardSlides() override;

    /// Whether card @p id is sliding now (not yet drawn in its column).
    bool isSliding(qint64 id) const;

Q_SIGNALS:
    /// Card @p id started to slide from @p from to @p to (in the board viewport's coordinates).
    void slideStarted(qint64 id, const QRect &from, const QRect &to);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Slide
    {
        qint64 id = 0;
        QPixmap pixmap;
        QPoint at;
        QVariantAnimation *animation = nullptr;
    };

    /// Where card @p id shows on the board now, in this overlay's coordinates; empty when out of sight.
    QRect shownRect(qint64 id) const;
    void remember(const QModelIndex &parent, int first, int last);
    void start();
    void finish(qint64 id);
    /// The views leave out the cards on their way (the delegate skips them).
    void hideSliding();
    QPixmap picture(qint64 id, QSize size) const;

    BoardView &m_board;
    BoardModel &m_model;
    QPointer<CardDelegate> m_delegate; ///< the board's: it may go first when the board is destroyed
    QHash<qint64, QRect> m_before;     ///< cards about to move: where they showed
    QSet<qint64> m_markedNow;          ///< cards the board marked as someone else's change since the last turn
    QList<Slide> m_slides;
};

} // namespace hb::board
