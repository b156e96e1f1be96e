// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QStackedWidget;
class QToolButton;

namespace hb::board {

class LimitedTextEdit;
class MarkdownView;

/**
 * Writes or edits one knowledge-base article: its title, its text (Markdown, with a preview), its labels (the
 * board's) and a checklist template to go with it. Nothing is saved here: the caller saves what article() says, as
 * an undo step, once the dialog is accepted (no transaction waits on the typing).
 */
class ArticleDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArticleDialog)

public:
    /// Starts from @p article (an empty one for a new article, or a draft); @p labels and @p templates: the board's.
    ArticleDialog(const storage::Article &article, const QList<storage::Label> &labels,
                  const QList<storage::ChecklistTemplate> &templates, QWidget *parent = nullptr);
    ~ArticleDialog() override;

    /// The article as written: the one given with the fields changed.
    storage::Article article() const;
    /// What changed from the article given (empty: nothing).
    storage::ArticlePatch patch() const;

    void accept() override;

private:
    void setPreview(bool preview);

    storage::Article m_start;
    QLineEdit *m_title = nullptr;
    LimitedTextEdit *m_body = nullptr;
    MarkdownView *m_preview = nullptr;
    QStackedWidget *m_stack = nullptr;
    QToolButton *m_previewButton = nullptr;
    QListWidget *m_labels = nullptr;
    QComboBox *m_template = nullptr;
    QLabel *m_notice = nullptr;
};

} // namespace hb::board
