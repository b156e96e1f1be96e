// SPDX-License-Identifier: GPL-3.0-or-later
#include "markdownview.h"

#include <QDesktopServices>

namespace hb::board {

MarkdownView::MarkdownView(QWidget *parent)
    : QTextBrowser(parent)
{
    // Links open outside, never inside the view (nor a file: link as a document).
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
        if (isSafeLink(url))
            QDesktopServices::openUrl(url);
    });
}

MarkdownView::~MarkdownView() = default;

bool MarkdownView::isSafeLink(const QUrl &url)
{
    return url.scheme() == u"http" || url.scheme() == u"https" || url.scheme() == u"mailto";
}

void MarkdownView::setMarkdownText(const QString &markdown)
{
    // GitHub-flavoured Markdown, with any HTML in it shown as text, never run.
    document()->setMarkdown(markdown, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub)
                                              | QTextDocument::MarkdownNoHTML);
}

QVariant MarkdownView::loadResource(int type, const QUrl &name)
{
    // An image in the text (![](file:///...) or a web address) is never read: a board's text must not make a
    // desktop open files or reach the network.
    Q_UNUSED(type)
    Q_UNUSED(name)
    return {};
}

} // namespace hb::board
