// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTextBrowser>

namespace hb::board {

/**
 * Markdown people wrote (a card's description, a knowledge-base article) shown formatted and nothing more: HTML in
 * it is text, never run; nothing is loaded from outside (an image's file or web address shows as its text); links
 * open in the desktop's browser or mail program, and only http, https and mailto ones.
 */
class MarkdownView final : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MarkdownView)

public:
    explicit MarkdownView(QWidget *parent = nullptr);
    ~MarkdownView() override;

    void setMarkdownText(const QString &markdown);
    /// Whether a link may be opened from a view: http, https and mailto.
    static bool isSafeLink(const QUrl &url);

protected:
    QVariant loadResource(int type, const QUrl &name) override;
};

} // namespace hb::board
