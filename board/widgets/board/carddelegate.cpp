// SPDX-License-Identifier: GPL-3.0-or-later
#include "carddelegate.h"

#include <board/model/boardmodel.h>
#include <board/rules/cardfields.h>
#include <board/widgets/common/chips.h>
#include <board/widgets/common/theme.h>

#include <QAbstractItemView>
#include <QApplication>
#include <QCache>
#include <QDateTime>
#include <QFontMetrics>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QScrollBar>
#include <QTextLayout>

#include <cmath>

namespace hb::board {

namespace {

using chips::smallFont;

constexpr int s_outerMargin = 5; // between cards, and to the column's edges
constexpr int s_padding = 8;     // inside a card
constexpr int s_stripeWidth = 4;
constexpr int s_radius = 6;
constexpr int s_spacing = 6; // between rows and items of a card
constexpr int s_maxTitleLines = 3;
constexpr qsizetype s_maxRememberedHeights = 100'000;
constexpr qint64 s_dayMs = 24LL * 3600 * 1000;
constexpr int s_maxRememberedTitles = 20'000;
constexpr int s_maxRememberedTexts = 4'000;
constexpr int s_rememberedTextBytes = 8 * 1024 * 1024;
constexpr int s_rememberedPillBytes = 4 * 1024 * 1024;

QFont titleFont(const QFont &base)
{
    QFont font = base;
    font.setWeight(QFont::DemiBold);
    return font;
}

constexpr int s_changedWashAlpha = 30;

// Breaks plain text (never rich text) into at most @p maxLines lines of @p width, eliding the last one.
QStringList wrap(const QString &text, const QFont &font, int width, int maxLines)
{
    QStringList lines;
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    const QFontMetrics metrics(font);
    while (true) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        if (lines.size() == maxLines - 1) {
            const QString rest = text.mid(line.textStart()).simplified();
            lines << metrics.elidedText(rest, Qt::ElideRight, width);
            break;
        }
        lines << text.mid(line.textStart(), line.textLength()).trimmed();
    }
    layout.endLayout();
    return lines;
}

QString dueText(qint64 due, qint64 now, CardDelegate::DueState state)
{
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(due).toLocalTime();
    if (state == CardDelegate::DueState::Overdue) {
        const qint64 days = (now - due) / s_dayMs;
        return days >= 1 ? CardDelegate::tr("Overdue %1d").arg(days) : CardDelegate::tr("Overdue");
    }
    if (state == CardDelegate::DueState::Soon) {
        // Within a day: the time, and the weekday when it is not today.
        const bool today = when.date() == QDateTime::fromMSecsSinceEpoch(now).toLocalTime().date();
        return CardDelegate::tr("Due %1").arg(
                QLocale().toString(when, today ? QStringLiteral("HH:mm") : QStringLiteral("ddd HH:mm")));
    }
    return CardDelegate::tr("Due %1").arg(QLocale().toString(when, QStringLiteral("d MMM")));
}

/// A card's frame filling @p bounds: a rounded border, the body inside it, and the priority stripe on the left.
void paintFrame(QPainter &painter, const QRectF &bounds, const QColor &base, const QColor &border, int borderWidth,
                const QColor &stripe)
{
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath outline;
    outline.addRoundedRect(bounds, s_radius, s_radius);
    painter.fillPath(outline, border);
    QPainterPath inside;
    const qreal innerRadius = std::max(0, s_radius - borderWidth);
    inside.addRoundedRect(bounds.adjusted(borderWidth, borderWidth, -borderWidth, -borderWidth), innerRadius,
                          innerRadius);
    painter.fillPath(inside, base);
    // The stripe over the border's left edge, inside the rounded corners.
    painter.setClipPath(outline, Qt::IntersectClip);
    painter.fillRect(QRectF(bounds.left(), bounds.top(), s_stripeWidth, bounds.height()), stripe);
}

QString colorKey(const QColor &color)
{
    return QString::number(color.rgba(), 16);
}

} // namespace

/**
 * What painting a card needs again and again, made once for one font and device pixel ratio: laying out and
 * antialiasing a card's rounded frame, its pills and its text cost far more than drawing them again from here
 * (helpboard-bench: a filter change repaints every visible card of every column).
 */
struct CardDelegate::Sprites
{
    struct TitleKey
    {
        QString title;
        int width = 0;

        friend bool operator==(const TitleKey &, const TitleKey &) = default;
        friend size_t qHash(const TitleKey &key, size_t seed = 0) { return qHashMulti(seed, key.title, key.width); }
    };

    QFont font;
    qreal devicePixelRatio = 1;
    QFont title;
    QFont small;
    QHash<QString, QPixmap> frames; ///< by colours and border: few
    QCache<QString, QPixmap> pills{s_rememberedPillBytes};
    QCache<QString, TextSprite> texts{s_rememberedTextBytes};
    QCache<TitleKey, QStringList> titles{s_maxRememberedTitles};
    QHash<QString, int> pillWidths;
};

CardDelegate::CardDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

CardDelegate::~CardDelegate() = default;

CardDelegate::Sprites &CardDelegate::sprites(const QFont &font, qreal devicePixelRatio) const
{
    if (!m_sprites || m_sprites->font != font || m_sprites->devicePixelRatio != devicePixelRatio) {
        m_sprites = std::make_unique<Sprites>();
        m_sprites->font = font;
        m_sprites->devicePixelRatio = devicePixelRatio;
        m_sprites->title = titleFont(font);
        m_sprites->small = smallFont(font);
    }
    return *m_sprites;
}

CardDelegate::Sprites &CardDelegate::sprites(const QFont &font) const
{
    // Measuring needs no device: the ratio of the last paint serves.
    return sprites(font, m_sprites ? m_sprites->devicePixelRatio : 1);
}

qsizetype CardDelegate::rememberedSprites() const
{
    if (!m_sprites)
        return 0;
    return m_sprites->frames.size() + m_sprites->pills.count() + m_sprites->texts.count();
}

QStringList CardDelegate::titleLines(const QString &title, const QFont &font, int width) const
{
    Sprites &cache = sprites(font);
    const Sprites::TitleKey key{title, width};
    if (const QStringList *lines = cache.titles.object(key))
        return *lines;
    const QStringList lines = wrap(title, cache.title, width, s_maxTitleLines);
    cache.titles.insert(key, new QStringList(lines));
    return lines;
}

int CardDelegate::pillWidth(const QFont &font, const QString &text) const
{
    Sprites &cache = sprites(font);
    auto width = cache.pillWidths.constFind(text);
    if (width == cache.pillWidths.cend()) {
        if (cache.pillWidths.size() > s_maxRememberedTexts)
            cache.pillWidths.clear();
        width = cache.pillWidths.insert(text, chips::pillWidth(cache.small, text));
    }
    return *width;
}

void CardDelegate::drawSprite(QPainter *painter, const QRect &rect, const QString &key,
                              const std::function<void(QPainter &sprite, const QRect &bounds)> &draw) const
{
    // Drawn once into a pixmap at the screen's pixel ratio, antialiased, with the painter's (small) font.
    Sprites &cache = *m_sprites;
    if (const QPixmap *pixmap = cache.pills.object(key)) {
        painter->drawPixmap(rect.topLeft(), *pixmap);
        return;
    }
    QPixmap pixmap(rect.size() * cache.devicePixelRatio);
    pixmap.setDevicePixelRatio(cache.devicePixelRatio);
    pixmap.fill(Qt::transparent);
    {
        QPainter sprite(&pixmap);
        sprite.setRenderHint(QPainter::Antialiasing);
        sprite.setFont(painter->font());
        draw(sprite, QRect(QPoint(0, 0), rect.size()));
    }
    painter->drawPixmap(rect.topLeft(), pixmap);
    cache.pills.insert(key, new QPixmap(pixmap), pixmap.width() * pixmap.height() * 4);
}

void CardDelegate::drawPill(QPainter *painter, const QRect &rect, const QString &text, const QColor &color,
                            bool filled) const
{
    const QString key = QStringLiteral("%1|%2|%3|%4|%5")
                                .arg(rect.width())
                                .arg(rect.height())
                                .arg(colorKey(color))
                                .arg(filled ? 1 : 0)
                                .arg(text);
    drawSprite(painter, rect, key,
               [&](QPainter &sprite, const QRect &bounds) { chips::drawPill(&sprite, bounds, text, color, filled); });
}

CardDelegate::TextSprite CardDelegate::textSprite(const QPainter *painter, const QString &text,
                                                  const QColor &background) const
{
    // Drawn once per font, colour and background into an opaque pixmap: copying it is far cheaper than drawing the
    // glyphs again, and text on an opaque background keeps the desktop's subpixel smoothing.
    Sprites &cache = *m_sprites;
    const QString key = QStringLiteral("%1|%2|%3|")
                                .arg(painter->font() == cache.title ? QLatin1Char('t') : QLatin1Char('s'))
                                .arg(colorKey(painter->pen().color()), colorKey(background))
                        + text;
    if (const TextSprite *sprite = cache.texts.object(key))
        return *sprite;
    const QFontMetrics metrics(painter->font());
    TextSprite sprite;
    sprite.width = metrics.horizontalAdvance(text);
    const QSize size(sprite.width + 2, metrics.height()); // a pixel either side for glyphs that reach past
    sprite.pixmap = QPixmap(size * cache.devicePixelRatio);
    sprite.pixmap.setDevicePixelRatio(cache.devicePixelRatio);
    sprite.pixmap.fill(background);
    {
        QPainter ink(&sprite.pixmap);
        ink.setFont(painter->font());
        ink.setPen(painter->pen().color());
        // At a point, not in a rectangle: people's text as it is, never read as markup.
        ink.drawText(QPointF(1, metrics.ascent()), text);
    }
    const qreal ratio = cache.devicePixelRatio;
    cache.texts.insert(key, new TextSprite(sprite), int(size.width() * size.height() * 4 * ratio * ratio));
    return sprite;
}

void CardDelegate::drawText(QPainter *painter, const QPoint &topLeft, const QString &text,
                            const QColor &background) const
{
    painter->drawPixmap(topLeft - QPoint(1, 0), textSprite(painter, text, background).pixmap);
}

void CardDelegate::drawAvatar(QPainter *painter, const QRect &rect, const QString &initials, const QColor &color) const
{
    const QString key = QStringLiteral("avatar|%1|%2|%3").arg(rect.width()).arg(colorKey(color), initials);
    drawSprite(painter, rect, key, [&](QPainter &sprite, const QRect &bounds) {
        sprite.setPen(Qt::NoPen);
        sprite.setBrush(color);
        sprite.drawEllipse(bounds);
        sprite.setPen(theme::textOn(color));
        sprite.drawText(bounds, Qt::AlignCenter, initials);
    });
}

void CardDelegate::drawFrame(QPainter *painter, const QRect &card, const QColor &base, const QColor &border,
                             int borderWidth, const QColor &stripe) const
{
    // A card's rounded frame with its priority stripe. Antialiasing a rounded outline for every card is what
    // painting cost most, so the four rounded corners are drawn once into a pixmap and copied as they are; the
    // straight edges and the middle are plain fills.
    Sprites &cache = *m_sprites;
    const qreal ratio = cache.devicePixelRatio;
    if (ratio != std::floor(ratio)) {
        // At 125 % or 150 % the pieces would not meet on whole pixels: drawn as a whole, as painters do.
        painter->save();
        paintFrame(*painter, card, base, border, borderWidth, stripe);
        painter->restore();
        return;
    }
    constexpr int corner = s_radius + 2; // logical pixels: the radius and the widest border
    const QString key =
            QStringLiteral("%1|%2|%3|%4").arg(colorKey(base), colorKey(border), colorKey(stripe)).arg(borderWidth);
    auto corners = cache.frames.constFind(key);
    if (corners == cache.frames.cend()) {
        const int side = int(std::ceil(2 * corner * ratio));
        QPixmap pixmap(side, side);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        {
            QPainter sprite(&pixmap);
            paintFrame(sprite, QRectF(0, 0, 2 * corner, 2 * corner), base, border, borderWidth, stripe);
        }
        corners = cache.frames.insert(key, pixmap);
    }
    const int inner = std::max(0, card.width() - 2 * corner);
    const int middle = std::max(0, card.height() - 2 * corner);
    // Top and bottom edges between the corners, then the band between them with the stripe and the right edge.
    painter->fillRect(QRect(card.left() + corner, card.top(), inner, corner), base);
    painter->fillRect(QRect(card.left() + corner, card.top(), inner, borderWidth), border);
    painter->fillRect(QRect(card.left() + corner, card.bottom() + 1 - corner, inner, corner), base);
    painter->fillRect(QRect(card.left() + corner, card.bottom() + 1 - borderWidth, inner, borderWidth), border);
    painter->fillRect(QRect(card.left(), card.top() + corner, card.width(), middle), base);
    painter->fillRect(QRect(card.left(), card.top() + corner, s_stripeWidth, middle), stripe);
    painter->fillRect(QRect(card.right() + 1 - borderWidth, card.top() + corner, borderWidth, middle), border);
    // The corners, each a quarter of the pixmap (its source in device pixels).
    const qreal half = corners->width() / 2.0;
    const QPoint at[] = {card.topLeft(), QPoint(card.right() + 1 - corner, card.top()),
                         QPoint(card.left(), card.bottom() + 1 - corner),
                         QPoint(card.right() + 1 - corner, card.bottom() + 1 - corner)};
    for (int i = 0; i < 4; ++i) {
        const QRectF source((i % 2) * half, (i / 2) * half, half, half);
        painter->drawPixmap(QRectF(at[i], QSizeF(corner, corner)), *corners, source);
    }
}

qint64 CardDelegate::now() const
{
    return m_now ? m_now : QDateTime::currentMSecsSinceEpoch();
}

QString CardDelegate::initialsOf(const QString &name)
{
    const QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return {};
    if (words.size() == 1)
        return words.constFirst().left(2).toUpper();
    return (words.constFirst().left(1) + words.constLast().left(1)).toUpper();
}

CardDelegate::Layout CardDelegate::layout(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Layout result;
    const QFont chipFont = smallFont(option.font);
    const QFontMetrics small(chipFont);
    const QFontMetrics title(titleFont(option.font));
    const int width = std::max(option.rect.width(), 160);
    result.card =
            QRect(option.rect.left() + s_outerMargin, option.rect.top() + s_outerMargin, width - 2 * s_outerMargin, 0);
    const int left = result.card.left() + s_stripeWidth + s_padding;
    const int right = result.card.right() - s_padding;
    const int innerWidth = right - left + 1;
    int y = result.card.top() + s_padding;

    // An urgent priority's chip, then label chips, on one row; what does not fit becomes "+N".
    const QVariantList labels = index.data(BoardModel::LabelsRole).toList();
    const auto priority = storage::priorityFromString(index.data(BoardModel::PriorityRole).toString());
    const bool urgent = priority && BoardModel::isUrgent(*priority);
    const QString escalatedTo = index.data(BoardModel::EscalationRole).toString();
    if (!labels.isEmpty() || urgent || !escalatedTo.isEmpty()) {
        const int chipHeight = small.height() + 2;
        int x = left;
        if (urgent) {
            result.priorityChip = true;
            const QString text = priorityText(*priority);
            result.labels << Chip{QRect(x, y, pillWidth(option.font, text), chipHeight), text,
                                  theme::priority(index.data(BoardModel::PriorityRole).toString()), true};
            x += result.labels.constLast().rect.width() + 4;
        }
        if (!escalatedTo.isEmpty()) {
            // Whom it is escalated to, named in full when it fits, else cut short: it is not one of the labels.
            result.escalationChip = true;
            // (room kept for the labels' "+N", should none of them fit after it)
            QString text = QStringLiteral("\u2192 ") + escalatedTo;
            const int more = labels.isEmpty() ? 0 : pillWidth(option.font, QStringLiteral("+%1").arg(labels.size())) + 4;
            const int room = right + 1 - x - more;
            if (pillWidth(option.font, text) > room)
                text = small.elidedText(text, Qt::ElideRight, std::max(0, room - pillWidth(option.font, QString())));
            // Drawn as an outline on the card's base: lighter where that base is dark.
            QColor color = theme::escalation(index.data(BoardModel::EscalationKindRole).toString());
            if (theme::isDark(option.palette))
                color = color.lighter(150);
            result.labels << Chip{QRect(x, y, pillWidth(option.font, text), chipHeight), text, color, true};
            x += result.labels.constLast().rect.width() + 4;
        }
        for (int i = 0; i < labels.size(); ++i) {
            const QVariantMap label = labels.at(i).toMap();
            const QString text = label.value(QStringLiteral("name")).toString();
            const int chipWidth = pillWidth(option.font, text);
            if (x + chipWidth > right + 1) {
                // What does not fit is counted, not squeezed.
                const QString more = QStringLiteral("+%1").arg(labels.size() - i);
                result.labels << Chip{QRect(x, y, pillWidth(option.font, more), chipHeight), more,
                                      option.palette.color(QPalette::Mid)};
                break;
            }
            result.labels << Chip{QRect(x, y, chipWidth, chipHeight), text,
                                  QColor(label.value(QStringLiteral("color")).toString())};
            x += chipWidth + 4;
        }
        y += chipHeight + s_spacing;
    }

    // The title, as plain text.
    result.titleLines = titleLines(index.data(Qt::DisplayRole).toString(), option.font, innerWidth);
    result.titleRect = QRect(left, y, innerWidth, int(result.titleLines.size()) * title.lineSpacing());
    y += result.titleRect.height() + s_spacing;

    // The footer: status, due badge, checklist, counts, initials.
    result.status = index.data(BoardModel::StatusTextRole).toString();
    const QDateTime due = index.data(BoardModel::DueRole).toDateTime();
    if (due.isValid()) {
        const qint64 dueMs = due.toMSecsSinceEpoch();
        const bool resolved = index.data(BoardModel::ResolvedRole).toBool();
        result.dueState = resolved                  ? DueState::Later
                          : dueMs < now()           ? DueState::Overdue
                          : dueMs < now() + s_dayMs ? DueState::Soon
                                                    : DueState::Later;
        result.due = dueText(dueMs, now(), result.dueState);
    }
    const int total = index.data(BoardModel::ChecklistTotalRole).toInt();
    if (total > 0)
        result.progress = QStringLiteral("%1/%2").arg(index.data(BoardModel::ChecklistDoneRole).toInt()).arg(total);
    result.comments = index.data(BoardModel::CommentCountRole).toInt();
    result.attachments = index.data(BoardModel::AttachmentCountRole).toInt();
    result.initials = initialsOf(index.data(BoardModel::AssigneeNameRole).toString());
    result.footer = QRect(left, y, innerWidth, small.height() + 4);
    y += result.footer.height() + s_padding;

    result.card.setBottom(y - 1);
    result.stripe = QRect(result.card.left(), result.card.top(), s_stripeWidth, result.card.height());
    return result;
}

int CardDelegate::cardWidth(const QStyleOptionViewItem &option) const
{
    // As wide as the column, less room for its scroll bar whether it shows or not: cards do not wrap their titles
    // again (all thousands of them) each time a filter makes the scroll bar come or go.
    const auto *view = qobject_cast<const QAbstractItemView *>(option.widget);
    if (!view)
        return option.rect.width();
    if (view->verticalScrollBar()->isVisible())
        return view->viewport()->width();
    if (m_scrollBarExtent < 0) // asked for every card of every layout: once is enough
        m_scrollBarExtent = view->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, view);
    return view->viewport()->width() - m_scrollBarExtent;
}

QSize CardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = cardWidth(option);
    // Measuring wraps the title with QTextLayout; views ask again for every card on every change, so remember.
    if (option.font != m_heightsFont || m_heights.size() > s_maxRememberedHeights) {
        m_heights.clear();
        m_heightsFont = option.font;
        m_scrollBarExtent = -1;
    }
    // The board model says in one value what a height depends on; any other model, with its title and labels.
    const QVariant cardKey = index.data(BoardModel::HeightKeyRole);
    const HeightKey key{cardKey.isValid() ? cardKey.value<quint64>()
                                          : (quint64(qHash(index.data(Qt::DisplayRole).toString())) << 1)
                                                    | (index.data(BoardModel::LabelsRole).toList().isEmpty() ? 0 : 1),
                        width};
    auto height = m_heights.constFind(key);
    if (height == m_heights.cend()) {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.rect.setWidth(width);
        height = m_heights.insert(key, layout(opt, index).card.height() + 2 * s_outerMargin);
    }
    return QSize(width, *height);
}

void CardDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (const auto *line = qobject_cast<QLineEdit *>(editor); line && line->isModified())
        return;
    QStyledItemDelegate::setEditorData(editor, index);
}

void CardDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                        const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.rect.setWidth(cardWidth(option)); // as measured
    const QRect title = layout(opt, index).titleRect;
    editor->setGeometry(title.left() - 3, title.top() - 3, title.width() + 6,
                        std::max(title.height(), editor->sizeHint().height()) + 6);
}

void CardDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (m_hidden.isEmpty() || !m_hidden.contains(index.data(BoardModel::IdRole).toLongLong()))
        paintCard(painter, option, index);
}

void CardDelegate::paintCard(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.rect.setWidth(cardWidth(option)); // as measured, so the title wraps as it did then
    const Layout l = layout(opt, index);
    const Sprites &cache = sprites(opt.font, painter->device() ? painter->device()->devicePixelRatioF() : 1);
    const QPalette &palette = opt.palette;
    const bool selected = opt.state & QStyle::State_Selected;
    const bool focused = opt.state & QStyle::State_HasFocus;

    painter->save();

    // Card body, border (the highlight colour when selected) and priority stripe.
    drawFrame(painter, l.card, palette.color(QPalette::Base),
              selected ? palette.color(QPalette::Highlight) : palette.color(QPalette::Mid), selected || focused ? 2 : 1,
              theme::priority(index.data(BoardModel::PriorityRole).toString()));
    painter->setRenderHint(QPainter::Antialiasing);
    // Label chips.
    painter->setFont(cache.small);
    // (an urgent priority's chip and the escalation's are outlined, so they are not read as labels)
    for (const Chip &chip : std::as_const(l.labels))
        drawPill(painter, chip.rect, chip.text, chip.color, !chip.outlined);

    // Title: plain text, line by line.
    painter->setFont(cache.title);
    painter->setPen(palette.color(QPalette::Text));
    const QFontMetrics title(cache.title);
    const int titleTop = (title.lineSpacing() - title.height()) / 2;
    int y = l.titleRect.top();
    for (const QString &line : l.titleLines) {
        drawText(painter, QPoint(l.titleRect.left(), y + titleTop), line, palette.color(QPalette::Base));
        y += title.lineSpacing();
    }

    // Footer, left to right: status, due; right to left: initials, attachments, comments, checklist.
    painter->setFont(cache.small);
    const QFontMetrics small(cache.small);
    const QRect footer = l.footer;
    const int footerTextTop = footer.top() + (footer.height() - small.height()) / 2;
    int x = footer.left();
    const QString statusKey = index.data(BoardModel::StatusRole).toString();
    if (!l.status.isEmpty()) {
        const QRect pill(x, footer.top(), pillWidth(opt.font, l.status), footer.height());
        // Outlined text needs a lighter colour on a dark card to stay readable.
        const QColor color = theme::status(statusKey);
        drawPill(painter, pill, l.status, theme::isDark(palette) ? color.lighter(160) : color, false);
        x = pill.right() + 5;
    }
    if (!l.due.isEmpty()) {
        const QRect pill(x, footer.top(), pillWidth(opt.font, l.due), footer.height());
        const bool alert = l.dueState == DueState::Overdue || l.dueState == DueState::Soon;
        drawPill(painter, pill, l.due,
                 alert ? theme::fill(l.dueState == DueState::Overdue ? theme::Mark::Danger : theme::Mark::Warning)
                       : palette.color(QPalette::PlaceholderText),
                 alert);
        x = pill.right() + 5;
    }
    int end = footer.right();
    if (!l.initials.isEmpty()) {
        const int size = footer.height() + 2;
        const QRect avatar(end - size + 1, footer.center().y() - size / 2, size, size);
        drawAvatar(painter, avatar, l.initials, theme::avatar(index.data(BoardModel::AssigneeRole).toString()));
        end = avatar.left() - 6;
    }
    painter->setPen(palette.color(QPalette::PlaceholderText));
    auto counter = [&](const QString &text) {
        const TextSprite sprite = textSprite(painter, text, palette.color(QPalette::Base));
        const int w = sprite.width;
        painter->drawPixmap(QPoint(end - w, footerTextTop), sprite.pixmap);
        end -= w + 8;
    };
    if (l.attachments > 0) {
        counter(QString::number(l.attachments));
        // A paperclip, drawn: no font on every desktop has a glyph for it.
        const int h = small.height() - 2;
        const QRectF clip(end + 2, footer.center().y() - h / 2.0, h * 0.45, h);
        painter->save();
        painter->setPen(QPen(palette.color(QPalette::PlaceholderText), 1.2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(clip, clip.width() / 2, clip.width() / 2);
        painter->drawLine(QPointF(clip.center().x(), clip.top() + clip.height() * 0.3),
                          QPointF(clip.center().x(), clip.bottom() - 1.5));
        painter->restore();
        end -= int(clip.width()) + 6;
    }
    if (l.comments > 0)
        counter(tr("\u2709 %1").arg(l.comments));
    if (!l.progress.isEmpty())
        counter(QStringLiteral("\u2611 ") + l.progress);
    // The service-level badge after the due date, where the counters leave room for it: filled red when over, amber
    // at risk, outlined on track or paused. On a narrow card a clock over or at risk still says so in a word; one on
    // track or paused then says nothing (the card editor shows the clocks whatever the width).
    QString slaText = index.data(BoardModel::SlaTextRole).toString();
    if (!slaText.isEmpty()) {
        const QString state = index.data(BoardModel::SlaStateRole).toString();
        const bool over = state == u"breached" || state == u"missed";
        const bool risk = state == u"at-risk";
        if (x + pillWidth(opt.font, slaText) >= end)
            slaText = state == u"breached" ? tr("over")
                      : state == u"missed" ? slaText
                      : risk               ? tr("at risk")
                                           : QString();
        const QRect pill(x, footer.top(), pillWidth(opt.font, slaText), footer.height());
        if (!slaText.isEmpty() && pill.right() < end)
            drawPill(painter, pill, slaText,
                     over   ? theme::fill(theme::Mark::Danger)
                     : risk ? theme::fill(theme::Mark::Warning)
                            : palette.color(QPalette::PlaceholderText),
                     over || risk);
    }

    if (const QString by = index.data(BoardModel::ChangedByRole).toString(); !by.isEmpty()) {
        // Just changed by someone else: a wash and outline in a colour of its own (not the selection's), and who
        // it was on a tab over the top edge, for a few seconds.
        const QColor mark = theme::onBase(theme::Mark::Changed, palette);
        QPainterPath body;
        body.addRoundedRect(QRectF(l.card).adjusted(1, 1, -1, -1), s_radius, s_radius);
        QColor wash = mark;
        wash.setAlpha(s_changedWashAlpha);
        painter->fillPath(body, wash);
        if (!selected) {
            painter->setPen(QPen(mark, 2));
            painter->drawPath(body);
        }
        painter->setFont(cache.small);
        const QString text = small.elidedText(by, Qt::ElideRight, l.card.width() / 2);
        const int width = pillWidth(opt.font, text);
        const int height = small.height() + 2;
        drawPill(painter,
                 QRect(l.card.right() - s_padding - width + 1, l.card.top() - s_outerMargin + 1, width, height), text,
                 mark, true);
    }

    if (index.data(BoardModel::OutsideFilterRole).toBool()) {
        // Just added here, though the filter hides it: a tab over the top left edge says why it still shows.
        painter->setFont(cache.small);
        const QString text = small.elidedText(tr("outside the filter"), Qt::ElideRight, l.card.width() / 2);
        drawPill(painter,
                 QRect(l.card.left() + s_stripeWidth + s_padding, l.card.top() - s_outerMargin + 1,
                       pillWidth(opt.font, text), small.height() + 2),
                 text, palette.color(QPalette::PlaceholderText), true);
    }

    if (index == m_dropTarget) {
        // Files dragged over it: a light wash in the highlight colour over all of it, and a dashed outline.
        QPainterPath body;
        body.addRoundedRect(QRectF(l.card).adjusted(0.5, 0.5, -0.5, -0.5), s_radius, s_radius);
        QColor wash = palette.color(QPalette::Highlight);
        wash.setAlpha(40);
        painter->fillPath(body, wash);
        painter->setPen(QPen(palette.color(QPalette::Highlight), 2, Qt::DashLine));
        painter->drawPath(body);
    }

    painter->restore();
}

} // namespace hb::board
