// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QFont>
#include <QHash>
#include <QList>
#include <QRect>
#include <QStringList>
#include <QPixmap>
#include <QSet>
#include <QStyledItemDelegate>

#include <functional>
#include <memory>

namespace hb::board {

/**
 * Paints one card of a column: priority stripe, label chips, title (plain text, up to three lines, elided),
 * status tag, due badge, checklist progress, comment and attachment counts, assignee initials.
 * sizeHint() and paint() share one layout(), so what is measured is what is drawn.
 */
class CardDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardDelegate)

public:
    enum class DueState { None, Later, Soon, Overdue };

    struct Chip
    {
        QRect rect;
        QString text;
        QColor color;
        bool outlined = false; ///< drawn as an outline, so it is not read as a label of the same colour
    };

    /// Where everything of one card goes, for a given width. Public so tests can check it without pixels.
    struct Layout
    {
        QRect card;         ///< the card's rounded rectangle inside the item rect
        QRect stripe;       ///< the priority stripe on its left edge
        QList<Chip> labels; ///< the priority chip (critical, high) and label chips that fit on one row (the last may be
                            ///< "+N")
        bool priorityChip = false;   ///< labels starts with the priority's chip
        bool escalationChip = false; ///< labels has the escalation's chip (after the priority's, if any)
        QStringList titleLines;
        QRect titleRect;
        QRect footer;
        QString status;
        QString due;
        DueState dueState = DueState::None;
        QString progress; ///< "2/5" when the card has a checklist
        QString initials; ///< the assignee's, empty when unassigned
        int comments = 0;
        int attachments = 0;
    };

    explicit CardDelegate(QObject *parent = nullptr);
    ~CardDelegate() override;

    /// The card files are being dragged over (drawn as the drop's target); none by default.
    void setDropTarget(const QModelIndex &card) { m_dropTarget = card; }
    QModelIndex dropTarget() const { return m_dropTarget; }

    /// "Now" for due badges; the clock by default, fixed in tests.
    void setNow(qint64 msecsSinceEpoch) { m_now = msecsSinceEpoch; }

    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    /// Paints the card at @p index whether it is hidden or not (paint() leaves hidden cards out).
    void paintCard(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    /// Cards not drawn in their place for now (CardSlides draws them on their way there).
    void setHiddenCards(const QSet<qint64> &ids) { m_hidden = ids; }
    const QSet<qint64> &hiddenCards() const { return m_hidden; }
    /// A title being typed stays as typed when the card changes meanwhile (a colleague's change coming in).
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    /// F2 edits the title in place, over the title.
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;

    static QString initialsOf(const QString &name);
    /// The width a card is laid out at in the view of @p option.
    int cardWidth(const QStyleOptionViewItem &option) const;

    /// How many card heights are remembered (a column of 10,000 cards is laid out again on every change).
    qsizetype rememberedHeights() const { return m_heights.size(); }
    /// How many card frames, pills and pieces of text are kept drawn, ready to paint again.
    qsizetype rememberedSprites() const;

private:
    struct Sprites;

    qint64 now() const;
    /// The sprites for @p font at @p devicePixelRatio; another font or ratio starts them again.
    Sprites &sprites(const QFont &font, qreal devicePixelRatio) const;
    /// The sprites for @p font at the ratio they were last made for (for measuring, which knows no device).
    Sprites &sprites(const QFont &font) const;
    QStringList titleLines(const QString &title, const QFont &font, int width) const;
    int pillWidth(const QFont &font, const QString &text) const;
    /// What @p draw paints into @p rect (given at the origin), remembered by @p key.
    void drawSprite(QPainter *painter, const QRect &rect, const QString &key,
                    const std::function<void(QPainter &sprite, const QRect &bounds)> &draw) const;
    void drawPill(QPainter *painter, const QRect &rect, const QString &text, const QColor &color, bool filled) const;
    struct TextSprite
    {
        QPixmap pixmap; ///< the text, a pixel wider on either side
        int width = 0;  ///< the text's advance
    };
    /// @p text in the painter's font (the title or the small one) and pen colour, on @p background.
    TextSprite textSprite(const QPainter *painter, const QString &text, const QColor &background) const;
    void drawText(QPainter *painter, const QPoint &topLeft, const QString &text, const QColor &background) const;
    void drawAvatar(QPainter *painter, const QRect &rect, const QString &initials, const QColor &color) const;
    void drawFrame(QPainter *painter, const QRect &card, const QColor &base, const QColor &border, int borderWidth,
                   const QColor &stripe) const;

    /// What a card's height depends on besides the font: its title and whether it has labels (the model's
    /// HeightKeyRole), and the width.
    struct HeightKey
    {
        quint64 card = 0;
        int width = 0;

        friend bool operator==(const HeightKey &, const HeightKey &) = default;
        friend size_t qHash(const HeightKey &key, size_t seed = 0) { return qHashMulti(seed, key.card, key.width); }
    };

    qint64 m_now = 0;
    QPersistentModelIndex m_dropTarget;
    QSet<qint64> m_hidden;
    mutable QHash<HeightKey, int> m_heights;
    mutable QFont m_heightsFont;
    mutable int m_scrollBarExtent = -1;
    mutable std::unique_ptr<Sprites> m_sprites;
};

} // namespace hb::board
