// SPDX-License-Identifier: GPL-3.0-or-later
#include "carddelegate.h"

#include "boardmodel.h"
#include "chips.h"

#include <QAbstractItemView>
#include <QScrollBar>
#include <QApplication>
#include <QDateTime>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

namespace hb::board {

namespace {

using chips::drawPill;
using chips::smallFont;

constexpr int s_outerMargin = 5; // between cards, and to the column's edges
constexpr int s_padding = 8;     // inside a card
constexpr int s_stripeWidth = 4;
constexpr int s_radius = 6;
constexpr int s_spacing = 6; // between rows and items of a card
constexpr int s_maxTitleLines = 3;
constexpr qsizetype s_maxRememberedHeights = 100'000;
constexpr qint64 s_dayMs = 24LL * 3600 * 1000;

QFont titleFont(const QFont &base)
{
    QFont font = base;
    font.setWeight(QFont::DemiBold);
    return font;
}

QColor dueColor(CardDelegate::DueState state, const QPalette &palette)
{
    switch (state) {
    case CardDelegate::DueState::Overdue:
        return QColor(0xc0, 0x39, 0x2b);
    case CardDelegate::DueState::Soon:
        return QColor(0xe6, 0x7e, 0x22);
    case CardDelegate::DueState::Later:
    case CardDelegate::DueState::None:
        break;
    }
    return palette.color(QPalette::Mid);
}

QColor statusColor(const QString &status)
{
    if (status == u"blocked")
        return QColor(0xc0, 0x39, 0x2b);
    if (status == u"needs-review")
        return QColor(0x8e, 0x44, 0xad);
    return QColor(0x29, 0x80, 0xb9);
}

QColor avatarColor(const QString &login)
{
    static const QColor s_colors[] = {QColor(0x16, 0xa0, 0x85), QColor(0x27, 0x80, 0xb9), QColor(0x8e, 0x44, 0xad),
                                      QColor(0xd3, 0x54, 0x00), QColor(0x7f, 0x8c, 0x8d), QColor(0xc0, 0x39, 0x2b)};
    return s_colors[qHash(login) % std::size(s_colors)];
}

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

} // namespace

CardDelegate::CardDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

CardDelegate::~CardDelegate() = default;

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

QColor CardDelegate::priorityColor(const QString &priority)
{
    if (priority == u"critical")
        return QColor(0xc0, 0x39, 0x2b);
    if (priority == u"high")
        return QColor(0xe6, 0x7e, 0x22);
    if (priority == u"low")
        return QColor(0x95, 0xa5, 0xa6);
    return QColor(0x34, 0x98, 0xdb);
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

    // Label chips on one row; what does not fit becomes "+N".
    const QVariantList labels = index.data(BoardModel::LabelsRole).toList();
    if (!labels.isEmpty()) {
        const int chipHeight = small.height() + 2;
        int x = left;
        for (int i = 0; i < labels.size(); ++i) {
            const QVariantMap label = labels.at(i).toMap();
            const QString text = label.value(QStringLiteral("name")).toString();
            const int chipWidth = chips::pillWidth(chipFont, text);
            if (x + chipWidth > right + 1) {
                // What does not fit is counted, not squeezed.
                const QString more = QStringLiteral("+%1").arg(labels.size() - i);
                result.labels << Chip{QRect(x, y, chips::pillWidth(chipFont, more), chipHeight), more,
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
    result.titleLines =
            wrap(index.data(Qt::DisplayRole).toString(), titleFont(option.font), innerWidth, s_maxTitleLines);
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
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.rect.setWidth(cardWidth(option)); // as measured, so the title wraps as it did then
    const Layout l = layout(opt, index);
    const QPalette &palette = opt.palette;
    const bool selected = opt.state & QStyle::State_Selected;
    const bool focused = opt.state & QStyle::State_HasFocus;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    // Card body and border (the highlight colour when selected).
    QPainterPath body;
    body.addRoundedRect(QRectF(l.card).adjusted(0.5, 0.5, -0.5, -0.5), s_radius, s_radius);
    painter->fillPath(body, palette.color(QPalette::Base));
    painter->setPen(QPen(selected ? palette.color(QPalette::Highlight) : palette.color(QPalette::Mid),
                         selected || focused ? 2 : 1));
    painter->drawPath(body);
    if (index == m_dropTarget) {
        // Files dragged over it: a dashed outline and a light wash in the highlight colour.
        QColor wash = palette.color(QPalette::Highlight);
        wash.setAlpha(40);
        painter->fillPath(body, wash);
        painter->setPen(QPen(palette.color(QPalette::Highlight), 2, Qt::DashLine));
        painter->drawPath(body);
    }

    // Priority stripe, clipped to the card's rounded left edge.
    painter->save();
    painter->setClipPath(body);
    painter->fillRect(l.stripe, priorityColor(index.data(BoardModel::PriorityRole).toString()));
    painter->restore();

    // Label chips.
    painter->setFont(smallFont(opt.font));
    for (const Chip &chip : l.labels)
        drawPill(painter, chip.rect, chip.text, chip.color, true);

    // Title: plain text, line by line.
    painter->setFont(titleFont(opt.font));
    painter->setPen(palette.color(QPalette::Text));
    const QFontMetrics title(painter->font());
    int y = l.titleRect.top();
    for (const QString &line : l.titleLines) {
        painter->drawText(QRect(l.titleRect.left(), y, l.titleRect.width(), title.lineSpacing()),
                          Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, line);
        y += title.lineSpacing();
    }

    // Footer, left to right: status, due; right to left: initials, attachments, comments, checklist.
    painter->setFont(smallFont(opt.font));
    const QFontMetrics small(painter->font());
    const QRect footer = l.footer;
    int x = footer.left();
    const QString statusKey = index.data(BoardModel::StatusRole).toString();
    if (!l.status.isEmpty()) {
        const QRect pill(x, footer.top(), chips::pillWidth(painter->font(), l.status), footer.height());
        // Outlined text needs a lighter colour on a dark card to stay readable.
        const bool dark = palette.color(QPalette::Base).lightness() < 128;
        drawPill(painter, pill, l.status, dark ? statusColor(statusKey).lighter(160) : statusColor(statusKey), false);
        x = pill.right() + 5;
    }
    if (!l.due.isEmpty()) {
        const QRect pill(x, footer.top(), chips::pillWidth(painter->font(), l.due), footer.height());
        const bool alert = l.dueState == DueState::Overdue || l.dueState == DueState::Soon;
        drawPill(painter, pill, l.due, alert ? dueColor(l.dueState, palette) : palette.color(QPalette::PlaceholderText),
                 alert);
    }
    int end = footer.right();
    if (!l.initials.isEmpty()) {
        const int size = footer.height() + 2;
        const QRect avatar(end - size + 1, footer.center().y() - size / 2, size, size);
        const QString login = index.data(BoardModel::AssigneeRole).toString();
        painter->setPen(Qt::NoPen);
        painter->setBrush(avatarColor(login));
        painter->drawEllipse(avatar);
        painter->setPen(Qt::white);
        painter->drawText(avatar, Qt::AlignCenter, l.initials);
        end = avatar.left() - 6;
    }
    painter->setPen(palette.color(QPalette::PlaceholderText));
    auto counter = [&](const QString &text) {
        const int w = small.horizontalAdvance(text);
        painter->drawText(QRect(end - w + 1, footer.top(), w, footer.height()), Qt::AlignRight | Qt::AlignVCenter,
                          text);
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

    painter->restore();
}

} // namespace hb::board
