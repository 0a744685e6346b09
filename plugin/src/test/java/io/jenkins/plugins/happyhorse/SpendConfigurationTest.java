package io.jenkins.plugins.happyhorse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.util.FormValidation;
import io.jenkins.plugins.happyhorse.config.HappyHorseConfiguration;
import io.jenkins.plugins.happyhorse.config.SpendSettings;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The budgets and the render store's limits in the global configuration: the form, its checks, their use. */
@WithJenkins
class SpendConfigurationTest {

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
    }

    @Test
    void budgetsAndStoreLimitsSurviveTheForm() throws Exception {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setMonthlyBudget("250");
        config.setJobMonthlyBudget("12.50");
        config.setReuseCopiesMaxMegabytes(512);
        config.setReuseCopiesMaxAgeDays(7);

        j.configRoundtrip();

        HappyHorseConfiguration after = HappyHorseConfiguration.get();
        assertThat(after.getMonthlyBudget()).isEqualTo("250");
        assertThat(after.getJobMonthlyBudget()).isEqualTo("12.50");
        assertThat(after.getReuseCopiesMaxMegabytes()).isEqualTo(512);
        assertThat(after.getReuseCopiesMaxAgeDays()).isEqualTo(7);
        SpendSettings settings = after.spendSettings();
        assertThat(settings.controllerBudget()).contains(new BigDecimal("250"));
        assertThat(settings.jobBudget()).contains(new BigDecimal("12.50"));
        assertThat(settings.storeLimits().maxBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(settings.storeLimits().maxAge()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void blankBudgetsMeanNoBudgetAndDefaultsKeepTenGigabytesForThirtyDays() {
        SpendSettings settings = HappyHorseConfiguration.get().spendSettings();

        assertThat(settings.controllerBudget()).isEmpty();
        assertThat(settings.jobBudget()).isEmpty();
        assertThat(settings.storeLimits().maxBytes()).isEqualTo(10L * 1024 * 1024 * 1024);
        assertThat(settings.storeLimits().maxAge()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void theFormRefusesABudgetThatIsNotAnAmountOfZeroOrMore() {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();

        assertThat(config.doCheckMonthlyBudget("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckMonthlyBudget("100.5").kind).isEqualTo(FormValidation.Kind.OK);
        FormValidation wrong = config.doCheckJobMonthlyBudget("ten dollars");
        assertThat(wrong.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(wrong.getMessage()).contains("ten dollars");
        assertThat(config.doCheckMonthlyBudget("-1").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(config.doCheckReuseCopiesMaxMegabytes("-5").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(config.doCheckReuseCopiesMaxMegabytes("0").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckReuseCopiesMaxAgeDays("0").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void aBudgetSetWronglyByConfigurationAsCodeNamesTheSettingWhenUsed() {
        HappyHorseConfiguration config = HappyHorseConfiguration.get();
        config.setMonthlyBudget("lots");

        assertThatThrownBy(() -> config.spendSettings().controllerBudget())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monthlyBudget")
                .hasMessageContaining("lots");
    }
}
