// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editorparts.h"

#include <storage/records.h>

#include <QWidget>

class QLabel;
class QStackedWidget;
class QToolButton;

namespace hb::board {

class MarkdownView;

class LimitedTextEdit;

/**
 * The card editor's description: Markdown edited as text, saved when the field is left, and previewed
 * (Ctrl+Shift+P) without running any HTML it holds; links in the preview open in the browser, and only web and
 * mail links. Text longer than the limit is cut with a line that says so; refused text stays, still unsaved.
 */
class DescriptionPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DescriptionPane)

public:
    explicit DescriptionPane(editorparts::SaveCard save, QWidget *parent = nullptr);
    ~DescriptionPane() override;

    /// Another card is shown: the text typed for the one before (saved by commit()) is not carried over.
    void showCard();
    /// The card's description, unless text typed here is not saved yet; read-only unless @p editable.
    void showText(const QString &description, bool editable);
    /// Saves text typed and not saved yet.
    void commit();
    LimitedTextEdit *edit() const { return m_edit; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setPreview(bool preview);

    editorparts::SaveCard m_save;
    /// What the description showed when typing began.
    storage::CardPatch m_typedFrom;
    QToolButton *m_previewButton = nullptr;
    QStackedWidget *m_stack = nullptr;
    LimitedTextEdit *m_edit = nullptr;
    MarkdownView *m_preview = nullptr;
    QLabel *m_notice = nullptr;
};

} // namespace hb::board
