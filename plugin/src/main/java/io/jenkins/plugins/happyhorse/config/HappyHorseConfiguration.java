package io.jenkins.plugins.happyhorse.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.happyhorse.Messages;
import io.jenkins.plugins.happyhorse.client.admission.AdmissionPolicy;
import io.jenkins.plugins.happyhorse.client.connection.ModelStudioRegion;
import io.jenkins.plugins.happyhorse.client.engine.RenderEngine;
import io.jenkins.plugins.happyhorse.client.spec.ProviderId;
import io.jenkins.plugins.happyhorse.form.CredentialsItems;
import io.jenkins.plugins.happyhorse.form.RenderForm;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The controller-wide settings of HappyHorse renders: default host, a default credential per host
 * (with {@code defaultCredentialsId} as the fallback for hosts without their own), the hosts' API
 * base URLs and Model Studio's region, the default timeout, price overrides, how many renders
 * each host account runs at once, reuse of identical renders, monthly budgets, and completion
 * by webhook ({@link WebhookSettings}).
 *
 * <p>Only administrators may change it (the API key is sent to the base URLs set here). Every
 * property is a plain getter and {@link DataBoundSetter}, so the form and Configuration as Code
 * ({@code unclassified: happyHorse:}) bind it the same way. A blank value means "the built-in
 * default"; the getters return what was set.
 *
 * <p>A host's base URL is one property per host ({@link #baseUrl(ProviderId)} maps each host to
 * its own), so that adding a host or another setting is one property with its getter, setter,
 * form entry and help: the Configuration as Code names stay those of the properties.
 */
@Extension
@Symbol("happyHorse")
public final class HappyHorseConfiguration extends GlobalConfiguration {

    /** Minutes a render may take when neither the step nor this configuration says otherwise. */
    public static final int DEFAULT_TIMEOUT_MINUTES = 30;

    /**
     * Renders one host account runs at once to begin with, when not configured: the lowest
     * account level of WaveSpeed allows 3 jobs at once.
     */
    public static final int DEFAULT_INITIAL_CONCURRENT_RENDERS = 3;

    /** The most renders one host account runs at once, when not configured. */
    public static final int DEFAULT_MAX_CONCURRENT_RENDERS = 10;

    private String defaultProvider;
    private String defaultCredentialsId;
    private String waveSpeedBaseUrl;
    private String atlasCloudBaseUrl;
    private String modelStudioRegion;
    private int defaultTimeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    private int initialConcurrentRenders = DEFAULT_INITIAL_CONCURRENT_RENDERS;
    private int maxConcurrentRenders = DEFAULT_MAX_CONCURRENT_RENDERS;
    private String waveSpeedPricePer5Seconds;
    private String waveSpeed1080pFactor;
    private String atlasCloudPricePerSecond720p;
    private String atlasCloudPricePerSecond1080p;
    // Reuse and budgets (SpendSettings): blank budgets mean none.
    private String monthlyBudget;
    private String jobMonthlyBudget;
    private int reuseCopiesMaxMegabytes = SpendSettings.DEFAULT_COPIES_MAX_MEGABYTES;
    private int reuseCopiesMaxAgeDays = SpendSettings.DEFAULT_COPIES_MAX_AGE_DAYS;
    // Per-host credentials and Model Studio's prices; the global defaultCredentialsId
    // stays the fallback for hosts without their own.
    private String waveSpeedCredentialsId;
    private String atlasCloudCredentialsId;
    private String modelStudioCredentialsId;
    private String modelStudioPricePerSecond720p;
    private String modelStudioPricePerSecond1080p;
    // Completion by webhook: off by default.
    private boolean webhooksEnabled;
    private String webhookUrl;

    /** Loads the saved configuration; called once by Jenkins. */
    public HappyHorseConfiguration() {
        load();
    }

    /** The single instance registered with Jenkins. */
    public static @NonNull HappyHorseConfiguration get() {
        return ExtensionList.lookupSingleton(HappyHorseConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.HappyHorseConfiguration_DisplayName();
    }

    public @CheckForNull String getDefaultProvider() {
        return defaultProvider;
    }

    @DataBoundSetter
    public void setDefaultProvider(String defaultProvider) {
        this.defaultProvider = Util.fixEmptyAndTrim(defaultProvider);
        save();
    }

    public @CheckForNull String getDefaultCredentialsId() {
        return defaultCredentialsId;
    }

    @DataBoundSetter
    public void setDefaultCredentialsId(String defaultCredentialsId) {
        this.defaultCredentialsId = Util.fixEmptyAndTrim(defaultCredentialsId);
        save();
    }

    public @CheckForNull String getWaveSpeedBaseUrl() {
        return waveSpeedBaseUrl;
    }

    @DataBoundSetter
    public void setWaveSpeedBaseUrl(String waveSpeedBaseUrl) {
        this.waveSpeedBaseUrl = Util.fixEmptyAndTrim(waveSpeedBaseUrl);
        save();
    }

    public @CheckForNull String getAtlasCloudBaseUrl() {
        return atlasCloudBaseUrl;
    }

    @DataBoundSetter
    public void setAtlasCloudBaseUrl(String atlasCloudBaseUrl) {
        this.atlasCloudBaseUrl = Util.fixEmptyAndTrim(atlasCloudBaseUrl);
        save();
    }

    public @CheckForNull String getModelStudioRegion() {
        return modelStudioRegion;
    }

    /**
     * Where Model Studio is reached: {@code singapore}, {@code beijing} or an API base URL (a
     * workspace domain); blank for Singapore. Keys belong to one region.
     */
    @DataBoundSetter
    public void setModelStudioRegion(String modelStudioRegion) {
        this.modelStudioRegion = Util.fixEmptyAndTrim(modelStudioRegion);
        save();
    }

    public int getDefaultTimeoutMinutes() {
        return defaultTimeoutMinutes;
    }

    @DataBoundSetter
    public void setDefaultTimeoutMinutes(int defaultTimeoutMinutes) {
        this.defaultTimeoutMinutes = defaultTimeoutMinutes > 0 ? defaultTimeoutMinutes : DEFAULT_TIMEOUT_MINUTES;
        save();
    }

    /** Renders one host account (host and API key) runs at once to begin with. */
    public int getInitialConcurrentRenders() {
        return initialConcurrentRenders;
    }

    @DataBoundSetter
    public void setInitialConcurrentRenders(int initialConcurrentRenders) {
        this.initialConcurrentRenders =
                initialConcurrentRenders > 0 ? initialConcurrentRenders : DEFAULT_INITIAL_CONCURRENT_RENDERS;
        save();
    }

    /** The most renders one host account (host and API key) runs at once, however well it goes. */
    public int getMaxConcurrentRenders() {
        return maxConcurrentRenders;
    }

    @DataBoundSetter
    public void setMaxConcurrentRenders(int maxConcurrentRenders) {
        this.maxConcurrentRenders = maxConcurrentRenders > 0 ? maxConcurrentRenders : DEFAULT_MAX_CONCURRENT_RENDERS;
        save();
    }

    public @CheckForNull String getWaveSpeedPricePer5Seconds() {
        return waveSpeedPricePer5Seconds;
    }

    @DataBoundSetter
    public void setWaveSpeedPricePer5Seconds(String usd) {
        this.waveSpeedPricePer5Seconds = Util.fixEmptyAndTrim(usd);
        save();
    }

    public @CheckForNull String getWaveSpeed1080pFactor() {
        return waveSpeed1080pFactor;
    }

    @DataBoundSetter
    public void setWaveSpeed1080pFactor(String factor) {
        this.waveSpeed1080pFactor = Util.fixEmptyAndTrim(factor);
        save();
    }

    public @CheckForNull String getAtlasCloudPricePerSecond720p() {
        return atlasCloudPricePerSecond720p;
    }

    @DataBoundSetter
    public void setAtlasCloudPricePerSecond720p(String usd) {
        this.atlasCloudPricePerSecond720p = Util.fixEmptyAndTrim(usd);
        save();
    }

    public @CheckForNull String getAtlasCloudPricePerSecond1080p() {
        return atlasCloudPricePerSecond1080p;
    }

    @DataBoundSetter
    public void setAtlasCloudPricePerSecond1080p(String usd) {
        this.atlasCloudPricePerSecond1080p = Util.fixEmptyAndTrim(usd);
        save();
    }

    // ---- Reuse and budgets: one block, read through spendSettings() ----

    public @CheckForNull String getMonthlyBudget() {
        return monthlyBudget;
    }

    /** The most the whole controller may spend in a calendar month, in USD; blank for no limit. */
    @DataBoundSetter
    public void setMonthlyBudget(String usd) {
        this.monthlyBudget = Util.fixEmptyAndTrim(usd);
        save();
    }

    public @CheckForNull String getJobMonthlyBudget() {
        return jobMonthlyBudget;
    }

    /** The most each job may spend in a calendar month, in USD; blank for no limit. */
    @DataBoundSetter
    public void setJobMonthlyBudget(String usd) {
        this.jobMonthlyBudget = Util.fixEmptyAndTrim(usd);
        save();
    }

    public int getReuseCopiesMaxMegabytes() {
        return reuseCopiesMaxMegabytes;
    }

    /** The most megabytes of clips the render store keeps copies of; 0 keeps none. */
    @DataBoundSetter
    public void setReuseCopiesMaxMegabytes(int megabytes) {
        this.reuseCopiesMaxMegabytes = Math.max(0, megabytes);
        save();
    }

    public int getReuseCopiesMaxAgeDays() {
        return reuseCopiesMaxAgeDays;
    }

    /** How many days the render store keeps a copy nobody reused. */
    @DataBoundSetter
    public void setReuseCopiesMaxAgeDays(int days) {
        this.reuseCopiesMaxAgeDays = days > 0 ? days : SpendSettings.DEFAULT_COPIES_MAX_AGE_DAYS;
        save();
    }

    /** The budgets and the render store's limits in force. */
    public @NonNull SpendSettings spendSettings() {
        return SpendSettings.of(monthlyBudget, jobMonthlyBudget, reuseCopiesMaxMegabytes, reuseCopiesMaxAgeDays);
    }

    @POST
    public FormValidation doCheckMonthlyBudget(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return SpendSettings.checkBudget(value);
    }

    @POST
    public FormValidation doCheckJobMonthlyBudget(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return SpendSettings.checkBudget(value);
    }

    @POST
    public FormValidation doCheckReuseCopiesMaxMegabytes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return SpendSettings.checkMegabytes(value);
    }

    @POST
    public FormValidation doCheckReuseCopiesMaxAgeDays(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return RenderForm.checkPositiveInteger(value, false);
    }

    // ---- end of reuse and budgets ----
    // ---- Per-host credentials and Model Studio's prices ----------------------------------------

    public @CheckForNull String getWaveSpeedCredentialsId() {
        return waveSpeedCredentialsId;
    }

    /** The Secret text credential of renders on WaveSpeed that name none; blank for the fallback. */
    @DataBoundSetter
    public void setWaveSpeedCredentialsId(String credentialsId) {
        this.waveSpeedCredentialsId = Util.fixEmptyAndTrim(credentialsId);
        save();
    }

    public @CheckForNull String getAtlasCloudCredentialsId() {
        return atlasCloudCredentialsId;
    }

    /** The Secret text credential of renders on Atlas Cloud that name none; blank for the fallback. */
    @DataBoundSetter
    public void setAtlasCloudCredentialsId(String credentialsId) {
        this.atlasCloudCredentialsId = Util.fixEmptyAndTrim(credentialsId);
        save();
    }

    public @CheckForNull String getModelStudioCredentialsId() {
        return modelStudioCredentialsId;
    }

    /** The Secret text credential of renders on Model Studio that name none; blank for the fallback. */
    @DataBoundSetter
    public void setModelStudioCredentialsId(String credentialsId) {
        this.modelStudioCredentialsId = Util.fixEmptyAndTrim(credentialsId);
        save();
    }

    public @CheckForNull String getModelStudioPricePerSecond720p() {
        return modelStudioPricePerSecond720p;
    }

    @DataBoundSetter
    public void setModelStudioPricePerSecond720p(String usd) {
        this.modelStudioPricePerSecond720p = Util.fixEmptyAndTrim(usd);
        save();
    }

    public @CheckForNull String getModelStudioPricePerSecond1080p() {
        return modelStudioPricePerSecond1080p;
    }

    @DataBoundSetter
    public void setModelStudioPricePerSecond1080p(String usd) {
        this.modelStudioPricePerSecond1080p = Util.fixEmptyAndTrim(usd);
        save();
    }

    /** The default credential set for {@code provider} itself (not the fallback), or null. */
    public @CheckForNull String credentialsId(ProviderId provider) {
        return switch (provider) {
            case WAVESPEED -> waveSpeedCredentialsId;
            case ATLASCLOUD -> atlasCloudCredentialsId;
            case MODELSTUDIO -> modelStudioCredentialsId;
        };
    }

    @POST
    public ListBoxModel doFillWaveSpeedCredentialsIdItems(@QueryParameter String waveSpeedCredentialsId) {
        return CredentialsItems.forGlobalConfiguration(waveSpeedCredentialsId);
    }

    @POST
    public ListBoxModel doFillAtlasCloudCredentialsIdItems(@QueryParameter String atlasCloudCredentialsId) {
        return CredentialsItems.forGlobalConfiguration(atlasCloudCredentialsId);
    }

    @POST
    public ListBoxModel doFillModelStudioCredentialsIdItems(@QueryParameter String modelStudioCredentialsId) {
        return CredentialsItems.forGlobalConfiguration(modelStudioCredentialsId);
    }

    @POST
    public FormValidation doCheckDefaultCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CredentialsItems.checkGlobalConfiguration(value);
    }

    @POST
    public FormValidation doCheckWaveSpeedCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CredentialsItems.checkGlobalConfiguration(value);
    }

    @POST
    public FormValidation doCheckAtlasCloudCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CredentialsItems.checkGlobalConfiguration(value);
    }

    @POST
    public FormValidation doCheckModelStudioCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CredentialsItems.checkGlobalConfiguration(value);
    }

    @POST
    public FormValidation doCheckModelStudioPricePerSecond720p(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkPrice("modelStudioPricePerSecond720p", value);
    }

    @POST
    public FormValidation doCheckModelStudioPricePerSecond1080p(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkPrice("modelStudioPricePerSecond1080p", value);
    }

    // ---- end of per-host credentials and Model Studio's prices ---------------------------------
    // ---- Completion by webhook ------------------------------------------------------------------

    /** Whether renders ask their host to call back ({@link WebhookSettings}); off by default. */
    public boolean isWebhooksEnabled() {
        return webhooksEnabled;
    }

    @DataBoundSetter
    public void setWebhooksEnabled(boolean webhooksEnabled) {
        this.webhooksEnabled = webhooksEnabled;
        save();
    }

    /** The public URL the hosts call back; null for the controller's root URL + {@value WebhookSettings#PATH}/. */
    public @CheckForNull String getWebhookUrl() {
        return webhookUrl;
    }

    @DataBoundSetter
    public void setWebhookUrl(String webhookUrl) {
        this.webhookUrl = Util.fixEmptyAndTrim(webhookUrl);
        save();
    }

    /** The URL renders ask the hosts to call now; null while webhooks are off or no URL is known. */
    public @CheckForNull java.net.URI webhookTarget() {
        return webhooksEnabled
                ? WebhookSettings.effectiveUrl(webhookUrl, Jenkins.get().getRootUrl())
                : null;
    }

    /** The suggested public URL, shown as the field's placeholder: the root URL + the endpoint's path. */
    public @CheckForNull String getSuggestedWebhookUrl() {
        return WebhookSettings.suggestedUrl(Jenkins.get().getRootUrl());
    }

    @POST
    public FormValidation doCheckWebhookUrl(
            @QueryParameter String value,
            @QueryParameter String waveSpeedBaseUrl,
            @QueryParameter String atlasCloudBaseUrl) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        boolean local = WebhookSettings.isOnLoopback(
                        waveSpeedBaseUrl != null ? waveSpeedBaseUrl : this.waveSpeedBaseUrl)
                || WebhookSettings.isOnLoopback(atlasCloudBaseUrl != null ? atlasCloudBaseUrl : this.atlasCloudBaseUrl);
        return WebhookSettings.check(value, Jenkins.get().getRootUrl(), local);
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * The API base URL set for {@code provider}, or null for its documented one (also for a host this
     * configuration has no property for: Model Studio is reached by {@link #getModelStudioRegion}).
     */
    public @CheckForNull String baseUrl(ProviderId provider) {
        return switch (provider) {
            case WAVESPEED -> waveSpeedBaseUrl;
            case ATLASCLOUD -> atlasCloudBaseUrl;
            default -> null;
        };
    }

    /** What a render that does not say otherwise gets: host, credentials and timeout. */
    public @NonNull RenderDefaults renderDefaults() {
        Map<ProviderId, String> hostCredentials = new EnumMap<>(ProviderId.class);
        for (ProviderId provider : ProviderId.values()) {
            String id = credentialsId(provider);
            if (id != null) {
                hostCredentials.put(provider, id);
            }
        }
        return new RenderDefaults(defaultProvider, defaultCredentialsId, defaultTimeoutMinutes, hostCredentials);
    }

    /** The prices in force: the hosts' documented prices with this configuration's overrides. */
    public @NonNull PriceSettings priceSettings() {
        return new PriceSettings(
                waveSpeedPricePer5Seconds,
                waveSpeed1080pFactor,
                atlasCloudPricePerSecond720p,
                atlasCloudPricePerSecond1080p,
                modelStudioPricePerSecond720p,
                modelStudioPricePerSecond1080p);
    }

    // Form support. Only administrators reach this page, and each method checks it again because
    // Stapler exposes them as URLs of their own.

    @POST
    public ListBoxModel doFillDefaultProviderItems(@QueryParameter String defaultProvider) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return RenderForm.items(true, defaultProvider, RenderForm.providers());
    }

    @POST
    public ListBoxModel doFillDefaultCredentialsIdItems(@QueryParameter String defaultCredentialsId) {
        return CredentialsItems.forGlobalConfiguration(defaultCredentialsId);
    }

    @POST
    public FormValidation doCheckWaveSpeedBaseUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return RenderForm.checkBaseUrl(ProviderId.WAVESPEED, value);
    }

    @POST
    public FormValidation doCheckAtlasCloudBaseUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return RenderForm.checkBaseUrl(ProviderId.ATLASCLOUD, value);
    }

    @POST
    public FormValidation doCheckModelStudioRegion(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        return parseModelStudioRegion(text)
                .map(region -> "http".equalsIgnoreCase(region.baseUrl().getScheme())
                        ? FormValidation.warning(Messages.RenderForm_PlainHttp())
                        : FormValidation.ok())
                .orElseGet(() -> FormValidation.error(
                        Messages.HappyHorseConfiguration_InvalidRegion(text, ModelStudioRegion.ALLOWED)));
    }

    /**
     * The Model Studio region {@code text} names ({@link ModelStudioRegion#parse}), when the engine
     * accepts its base URL; empty for anything else.
     */
    public static Optional<ModelStudioRegion> parseModelStudioRegion(@CheckForNull String text) {
        Optional<ModelStudioRegion> region = ModelStudioRegion.parse(text);
        try {
            region.ifPresent(r -> RenderEngine.checkBaseUrl(ProviderId.MODELSTUDIO, r.baseUrl()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return region;
    }

    @POST
    public FormValidation doCheckDefaultTimeoutMinutes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return RenderForm.checkPositiveInteger(value, false);
    }

    @POST
    public FormValidation doCheckInitialConcurrentRenders(
            @QueryParameter String value, @QueryParameter String maxConcurrentRenders) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        FormValidation number = RenderForm.checkPositiveInteger(value, false);
        if (number.kind != FormValidation.Kind.OK) {
            return number;
        }
        try {
            int start = Integer.parseInt(value.trim());
            int most = Integer.parseInt(Util.fixNull(maxConcurrentRenders).trim());
            if (start > most) {
                return FormValidation.warning(Messages.HappyHorseConfiguration_StartAboveMost(start, most));
            }
        } catch (NumberFormatException e) {
            // The other field reports its own problem.
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckMaxConcurrentRenders(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return RenderForm.checkPositiveInteger(value, false);
    }

    /**
     * How renders are admitted at each host account: start at {@link #getInitialConcurrentRenders()}
     * (never above the most), halve on a 429, grow by one after each accepted submit.
     */
    public @NonNull AdmissionPolicy admissionPolicy() {
        int most = Math.max(1, maxConcurrentRenders);
        return AdmissionPolicy.of(Math.min(Math.max(1, initialConcurrentRenders), most), most);
    }

    @POST
    public FormValidation doCheckWaveSpeedPricePer5Seconds(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkPrice("waveSpeedPricePer5Seconds", value);
    }

    @POST
    public FormValidation doCheckWaveSpeed1080pFactor(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkPrice("waveSpeed1080pFactor", value);
    }

    @POST
    public FormValidation doCheckAtlasCloudPricePerSecond720p(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkPrice("atlasCloudPricePerSecond720p", value);
    }

    @POST
    public FormValidation doCheckAtlasCloudPricePerSecond1080p(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkPrice("atlasCloudPricePerSecond1080p", value);
    }

    private static FormValidation checkPrice(String field, String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        return PriceSettings.parse(text)
                .filter(price -> price.signum() >= 0)
                .map(price -> FormValidation.ok())
                .orElseGet(() -> FormValidation.error(Messages.HappyHorseConfiguration_InvalidPrice(field, text)));
    }
}
