"""The editor → approver review workflow for comms pages.

Editors write and submit; someone in the Approvers group approves (publishing the
page) or sends it back with a comment. The Moderators group is for unsafe-place
reports and plays no part here.
"""

from typing import Any

APPROVERS = "Approvers"
WORKFLOW_NAME = "Editor to approver"
TASK_NAME = "Approver review"
# Approvers may edit and publish any page (they approve by publishing).
APPROVER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
CONTENT_INDEX_MODELS = ("adviceindexpage", "eventindexpage", "newsindexpage")


def ensure_review_workflow(sender: Any = None, **kwargs: Any) -> None:
    """post_migrate receiver (idempotent): the Approvers group, its task and the workflow,
    assigned to the advice, events and news sections when they exist."""
    if sender is not None and getattr(sender, "label", None) != "comms":
        return
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import (
        GroupApprovalTask,
        GroupPagePermission,
        Page,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    approvers, _created = Group.objects.get_or_create(name=APPROVERS)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access:
        approvers.permissions.add(access)
    root = Page.get_first_root_node()
    if root is not None:
        for codename in APPROVER_PAGE_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label="wagtailcore", codename=codename
            ).first()
            if permission:
                GroupPagePermission.objects.get_or_create(
                    group=approvers, page=root, permission=permission
                )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(approvers)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in Page.objects.filter(content_type__app_label="comms").filter(
        content_type__model__in=CONTENT_INDEX_MODELS
    ):
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
