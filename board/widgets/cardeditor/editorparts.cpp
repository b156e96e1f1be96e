// SPDX-License-Identifier: GPL-3.0-or-later
#include "editorparts.h"

#include <board/widgets/common/theme.h>
#include <storage/boardstore.h>

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QDateTime>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QTextBrowser>

#include <algorithm>
#include <cmath>

namespace hb::board::editorparts {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::board::CardEditor", text);
}

// "just now", "5 min ago", "3 h ago", "yesterday", or the date.
QString relativeTime(qint64 msecs, qint64 now)
{
    const qint64 minutes = (now - msecs) / 60'000;
    if (minutes < 1)
        return tr("just now");
    if (minutes < 60)
        return tr("%1 min ago").arg(minutes);
    if (minutes < 24 * 60)
        return tr("%1 h ago").arg(minutes / 60);
    const QDate day = QDateTime::fromMSecsSinceEpoch(msecs).date();
    if (day == QDate::currentDate().addDays(-1))
        return tr("yesterday");
    return QLocale().toString(day, QLocale::ShortFormat);
}

} // namespace

QString when(qint64 msecs)
{
    return msecs ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(msecs), QLocale::ShortFormat) : QString();
}

QString plainWithLinks(const QString &text)
{
    static const QRegularExpression s_url(QStringLiteral(R"((https?://|mailto:)[^\s<>"]+[^\s<>".,;:!?)\]])"));
    QString html;
    qsizetype at = 0;
    for (auto it = s_url.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        html += text.mid(at, match.capturedStart() - at).toHtmlEscaped();
        const QString url = match.captured().toHtmlEscaped();
        html += QStringLiteral("<a href=\"%1\">%1</a>").arg(url);
        at = match.capturedEnd();
    }
    html += text.mid(at).toHtmlEscaped();
    return html.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QString entryHtml(const QString &who, qint64 at, qint64 now, const QString &after, const QString &body)
{
    return QStringLiteral("<p style=\"margin-bottom:2px\"><b>%1</b> · <span title=\"%2\">%3</span>%4</p>"
                          "<p style=\"margin-top:0\">%5</p>")
            .arg(who.toHtmlEscaped(), when(at).toHtmlEscaped(), relativeTime(at, now).toHtmlEscaped(), after, body);
}

QTextBrowser *entryList(const QString &name, int minimumHeight, QWidget *parent)
{
    auto *list = new QTextBrowser(parent);
    list->setObjectName(name);
    list->setOpenLinks(false);
    list->setFrameShape(QFrame::NoFrame);
    list->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    list->setFixedHeight(minimumHeight);
    QObject::connect(list->document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, list,
                     [list, minimumHeight](const QSizeF &size) {
                         list->setFixedHeight(std::max(minimumHeight, int(std::ceil(size.height())) + 4));
                     });
    return list;
}

QLabel *noticeLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, theme::onBase(theme::Mark::Danger, palette));
    label->setPalette(palette);
    label->hide();
    return label;
}

QString tooLongText(qsizetype dropped)
{
    return tr("This text has at most %1 characters: %2 characters were left out. Attach long logs as a file instead.")
            .arg(QLocale().toString(qsizetype(storage::BoardStore::s_maxTextLength)), QLocale().toString(dropped));
}

bool saveTyped(const SaveCard &save, std::optional<QString> storage::CardPatch::*field, const QString &typed,
               storage::CardPatch &typedFrom, const QString &undoText)
{
    storage::CardPatch patch;
    patch.*field = typed;
    storage::CardPatch base;
    base.*field = typedFrom.*field;
    if (!save(patch, undoText, base))
        return false;
    typedFrom.*field = typed;
    return true;
}

} // namespace hb::board::editorparts
