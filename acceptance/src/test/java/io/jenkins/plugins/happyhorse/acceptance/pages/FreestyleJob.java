package io.jenkins.plugins.happyhorse.acceptance.pages;

import io.jenkins.plugins.happyhorse.acceptance.api.JenkinsClient;
import java.util.List;
import java.util.Map;

/**
 * A freestyle job: an optional shell step (to put images in the workspace), then the plugin's
 * build step "Render a video clip with HappyHorse", configured by its documented field names.
 */
public final class FreestyleJob extends Job {
    private FreestyleJob(JenkinsClient client, String name) {
        super(client, name);
    }

    /**
     * The class of the plugin's freestyle build step, found among the build steps Jenkins knows by
     * the plugin that provides it (so the suite does not depend on where the class lives).
     */
    public static String builderClass(ScriptConsole console, String pluginName) {
        String found = console.run(
                        """
                        import hudson.tasks.Builder
                        import jenkins.model.Jenkins

                        def jenkins = Jenkins.get()
                        jenkins.getDescriptorList(Builder).findAll {
                            jenkins.pluginManager.whichPlugin(it.clazz)?.shortName == %s
                        }.each { println it.clazz.name }
                        """
                                .formatted(ScriptConsole.literal(pluginName)))
                .trim();
        if (found.isEmpty() || found.contains("\n")) {
            throw new IllegalStateException(
                    "Expected one freestyle build step from " + pluginName + ", found: " + found);
        }
        return found;
    }

    /**
     * Creates the job.
     *
     * @param shell a shell script run first, or null
     * @param builderClass the build step's class, as the job's XML names it
     * @param images the {@code images} field
     * @param fields the other fields of the build step, by name (strings, numbers, booleans)
     */
    public static FreestyleJob create(
            JenkinsClient admin,
            String name,
            String shell,
            String builderClass,
            List<String> images,
            Map<String, Object> fields) {
        StringBuilder builders = new StringBuilder();
        if (shell != null) {
            builders.append("    <hudson.tasks.Shell>\n      <command>")
                    .append(Xml.escape(shell))
                    .append("</command>\n    </hudson.tasks.Shell>\n");
        }
        builders.append("    <").append(builderClass).append(">\n      <images>\n");
        for (String image : images) {
            builders.append("        <string>").append(Xml.escape(image)).append("</string>\n");
        }
        builders.append("      </images>\n");
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            // "3", not "3.0": XStream reads it into a whole-number field as well as into a Double.
            String text = String.valueOf(field.getValue());
            builders.append("      <")
                    .append(field.getKey())
                    .append('>')
                    .append(Xml.escape(text))
                    .append("</")
                    .append(field.getKey())
                    .append(">\n");
        }
        builders.append("    </").append(builderClass).append(">\n");
        String xml =
                """
                <?xml version='1.0' encoding='UTF-8'?>
                <project>
                  <description>HappyHorse acceptance scenario</description>
                  <keepDependencies>false</keepDependencies>
                  <properties/>
                  <canRoam>true</canRoam>
                  <disabled>false</disabled>
                  <blockBuildWhenDownstreamBuilding>false</blockBuildWhenDownstreamBuilding>
                  <blockBuildWhenUpstreamBuilding>false</blockBuildWhenUpstreamBuilding>
                  <triggers/>
                  <concurrentBuild>false</concurrentBuild>
                  <builders>
                %s  </builders>
                  <publishers/>
                  <buildWrappers/>
                </project>
                """
                        .formatted(builders);
        Job.createFromXml(admin, name, xml);
        return new FreestyleJob(admin, name);
    }
}
