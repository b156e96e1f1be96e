// SPDX-License-Identifier: GPL-3.0-or-later
#include "labelbutton.h"

#include "chips.h"
#include "menutext.h"

#include <QPainter>
#include <QStyleOptionToolButton>
#include <QStylePainter>
#include <QTextDocument>

namespace hb::board {

namespace {

constexpr int s_margin = 6;  // from the button's edge to the first chip
constexpr int s_spacing = 4; // between chips
constexpr int s_arrow = 14;  // room kept for the menu arrow on the right

} // namespace

LabelButton::LabelButton(QWidget *parent)
    : QToolButton(parent)
{
    setPopupMode(QToolButton::InstantPopup);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setLabels({});
}

LabelButton::~LabelButton() = default;

void LabelButton::setLabels(const QList<std::pair<QString, QColor>> &labels)
{
    m_labels = labels;
    const QStringList shown = names();
    // The text is for screen readers and the tooltip; the chips are painted. "&" in a name is a character, not a
    // shortcut, and the tooltip is plain text whatever the names look like.
    const QString names = shown.isEmpty() ? tr("None") : shown.join(QStringLiteral(", "));
    setText(menuText(names));
    setAccessibleName(tr("Labels: %1").arg(names));
    setToolTip(Qt::convertFromPlainText(shown.isEmpty() ? tr("No labels; click to add some") : names));
    update();
}

QStringList LabelButton::names() const
{
    QStringList result;
    for (const auto &label : m_labels)
        result << label.first;
    return result;
}

QSize LabelButton::sizeHint() const
{
    const QFontMetrics small(chips::smallFont(font()));
    QSize size = QToolButton::sizeHint();
    size.setHeight(std::max(size.height(), small.height() + 2 + 2 * s_margin));
    return size;
}

QSize LabelButton::minimumSizeHint() const
{
    return QSize(80, sizeHint().height());
}

void LabelButton::paintEvent(QPaintEvent *)
{
    QStylePainter painter(this);
    QStyleOptionToolButton option;
    initStyleOption(&option);
    option.text.clear();
    option.features &= ~QStyleOptionToolButton::HasMenu; // the arrow is drawn below, on the right
    painter.drawComplexControl(QStyle::CC_ToolButton, option);
    painter.setRenderHint(QPainter::Antialiasing);

    const QFont font = chips::smallFont(this->font());
    const QFontMetrics small(font);
    const int height = small.height() + 2;
    const int top = (this->height() - height) / 2;
    const int right = width() - s_margin - s_arrow;
    painter.setFont(font);
    if (m_labels.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QRect(s_margin, 0, right - s_margin, this->height()), Qt::AlignLeft | Qt::AlignVCenter,
                         tr("None"));
    }
    int x = s_margin;
    for (qsizetype i = 0; i < m_labels.size(); ++i) {
        const int chip = chips::pillWidth(font, m_labels.at(i).first);
        if (x + chip > right) {
            // What does not fit is counted, as on the cards.
            const QString more = QStringLiteral("+%1").arg(m_labels.size() - i);
            chips::drawPill(&painter, QRect(x, top, chips::pillWidth(font, more), height), more,
                            palette().color(QPalette::Mid), true);
            break;
        }
        chips::drawPill(&painter, QRect(x, top, chip, height), m_labels.at(i).first, m_labels.at(i).second, true);
        x += chip + s_spacing;
    }
    // The menu arrow.
    QStyleOption arrow;
    arrow.initFrom(this);
    arrow.rect = QRect(width() - s_margin - s_arrow + 2, 0, s_arrow - 4, this->height());
    style()->drawPrimitive(QStyle::PE_IndicatorArrowDown, &arrow, &painter, this);
}

} // namespace hb::board
