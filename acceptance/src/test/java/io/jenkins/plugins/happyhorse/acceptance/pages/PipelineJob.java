package io.jenkins.plugins.happyhorse.acceptance.pages;

import io.jenkins.plugins.happyhorse.acceptance.api.JenkinsClient;

/** A Pipeline job whose script is given inline (run in the Groovy sandbox). */
public final class PipelineJob extends Job {

    /** The Pipeline durability hints (Manage Jenkins » System, or per job). */
    public enum Durability {
        MAX_SURVIVABILITY,
        SURVIVABLE_NONATOMIC,
        PERFORMANCE_OPTIMIZED
    }

    private PipelineJob(JenkinsClient client, String name) {
        super(client, name);
    }

    /** Creates a Pipeline job running {@code script}, with the global durability setting. */
    public static PipelineJob create(JenkinsClient admin, String name, String script) {
        return create(admin, name, script, null);
    }

    /** Creates a Pipeline job running {@code script} with the durability hint {@code durability}. */
    public static PipelineJob create(JenkinsClient admin, String name, String script, Durability durability) {
        String properties = durability == null
                ? "<properties/>"
                : """
                <properties>
                    <org.jenkinsci.plugins.workflow.job.properties.DurabilityHintJobProperty>
                      <hint>%s</hint>
                    </org.jenkinsci.plugins.workflow.job.properties.DurabilityHintJobProperty>
                  </properties>"""
                        .formatted(durability.name());
        String xml =
                """
                <?xml version='1.0' encoding='UTF-8'?>
                <flow-definition>
                  <description>HappyHorse acceptance scenario</description>
                  <keepDependencies>false</keepDependencies>
                  %s
                  <definition class="org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition">
                    <script>%s</script>
                    <sandbox>true</sandbox>
                  </definition>
                  <triggers/>
                  <disabled>false</disabled>
                </flow-definition>
                """
                        .formatted(properties, Xml.escape(script));
        Job.createFromXml(admin, name, xml);
        return new PipelineJob(admin, name);
    }

    /** The Snippet Generator of this job ({@code pipeline-syntax/}). */
    public SnippetGenerator snippetGenerator() {
        return new SnippetGenerator(client, this);
    }
}
