"""The workshop pack: per municipality a report (HTML and PDF), a slide deck and a decision log.

collect (models + profile → ``PackData``) → report_html / report_pdf / slides_pptx /
decisions_xlsx → runner (staging folder, swap, worker processes, ``cache`` hashes) → index.

Example::

    from oir_bpmn.pack.runner import plan_packs, run_packs
    plan = plan_packs(["processes"], ["profiles/koebenhavn.toml"], Path("output/kommuner"))
    errors = [error for _, error in run_packs(plan.todo) if error]
"""
