// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>

/**
 * Every kind of event the board file's change feed (the events table) holds, as written by BoardStore and read by
 * the poller, the card history and the exports. The spellings are the file format: they never change, and a new
 * kind is added here first. Operation names (the undo and idempotency log, "card.move") are not events.
 */
namespace hb::storage::eventkind {

inline constexpr QStringView ArticleAttachmentAdded = u"article.attachment_added";
inline constexpr QStringView ArticleAttachmentLinked = u"article.attachment_linked";
inline constexpr QStringView ArticleAttachmentRemoved = u"article.attachment_removed";
inline constexpr QStringView ArticleAttachmentRestored = u"article.attachment_restored";
inline constexpr QStringView ArticleCreated = u"article.created";
inline constexpr QStringView ArticleDeleted = u"article.deleted";
inline constexpr QStringView ArticleRestored = u"article.restored";
inline constexpr QStringView ArticleUpdated = u"article.updated";

inline constexpr QStringView AttachmentAdded = u"attachment.added";
inline constexpr QStringView AttachmentLinked = u"attachment.linked";
inline constexpr QStringView AttachmentRemoved = u"attachment.removed";
inline constexpr QStringView AttachmentRestored = u"attachment.restored";

inline constexpr QStringView BoardRenamed = u"board.renamed";

inline constexpr QStringView CardArchived = u"card.archived";
inline constexpr QStringView CardArticleLinked = u"card.article_linked";
inline constexpr QStringView CardArticleUnlinked = u"card.article_unlinked";
inline constexpr QStringView CardCreated = u"card.created";
inline constexpr QStringView CardDeleted = u"card.deleted";
inline constexpr QStringView CardLabelAdded = u"card.label_added";
inline constexpr QStringView CardLabelRemoved = u"card.label_removed";
inline constexpr QStringView CardMoved = u"card.moved";
inline constexpr QStringView CardRestored = u"card.restored";
inline constexpr QStringView CardUpdated = u"card.updated";

inline constexpr QStringView ChecklistAdded = u"checklist.added";
inline constexpr QStringView ChecklistChecked = u"checklist.checked";
inline constexpr QStringView ChecklistDeleted = u"checklist.deleted";
inline constexpr QStringView ChecklistEdited = u"checklist.edited";
inline constexpr QStringView ChecklistMoved = u"checklist.moved";
inline constexpr QStringView ChecklistRestored = u"checklist.restored";
inline constexpr QStringView ChecklistTemplateApplied = u"checklist.template_applied";
inline constexpr QStringView ChecklistUnchecked = u"checklist.unchecked";

inline constexpr QStringView ColumnAdded = u"column.added";
inline constexpr QStringView ColumnDeleted = u"column.deleted";
inline constexpr QStringView ColumnMoved = u"column.moved";
inline constexpr QStringView ColumnRenamed = u"column.renamed";
inline constexpr QStringView ColumnRestored = u"column.restored";
inline constexpr QStringView ColumnWipChanged = u"column.wip_changed";

inline constexpr QStringView CommentAdded = u"comment.added";
inline constexpr QStringView CommentDeleted = u"comment.deleted";
inline constexpr QStringView CommentEdited = u"comment.edited";
inline constexpr QStringView CommentRestored = u"comment.restored";

inline constexpr QStringView EscalationTargetCreated = u"escalation_target.created";
inline constexpr QStringView EscalationTargetDeleted = u"escalation_target.deleted";
inline constexpr QStringView EscalationTargetRestored = u"escalation_target.restored";
inline constexpr QStringView EscalationTargetUpdated = u"escalation_target.updated";

inline constexpr QStringView LabelCreated = u"label.created";
inline constexpr QStringView LabelDeleted = u"label.deleted";
inline constexpr QStringView LabelRecolored = u"label.recolored";
inline constexpr QStringView LabelRenamed = u"label.renamed";
inline constexpr QStringView LabelRestored = u"label.restored";

inline constexpr QStringView MemberJoined = u"member.joined";
inline constexpr QStringView MemberRemoved = u"member.removed";
inline constexpr QStringView MemberSet = u"member.set";

inline constexpr QStringView TemplateCreated = u"template.created";
inline constexpr QStringView TemplateDeleted = u"template.deleted";
inline constexpr QStringView TemplateRestored = u"template.restored";
inline constexpr QStringView TemplateUpdated = u"template.updated";

inline constexpr QStringView SettingChanged = u"setting.changed";
inline constexpr QStringView ServiceLevelsChanged = u"sla.changed";

} // namespace hb::storage::eventkind
